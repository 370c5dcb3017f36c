import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  halfUp,
  profileCounts,
  skmFigures,
  skmFiguresOf,
  tallyAnswers,
} from '../../worker/skm/figures'
import { ELEMENT_KEYS } from '../../worker/skm/questionnaire'

// docs/contract.md §14's worked example: four respondents, U1…U9.
const EXAMPLE = [
  [4, 4, 3, 4, 4, 3, 4, 3, 2],
  [3, 3, 3, 4, 3, 3, 4, 3, 2],
  [4, 3, 2, 4, 3, 4, 4, 2, 1],
  [3, 3, 2, 4, 3, 3, 3, 3, 2],
]

/** n respondents whose 9n answers add up to `sum`: everyone starts at 1, then raised in turn. */
function respondentsSumming(n: number, sum: number): number[][] {
  const rows = Array.from({ length: n }, () => Array(9).fill(1) as number[])
  let left = sum - 9 * n
  for (let step = 0; left > 0; step++) {
    const row = rows[step % n]
    const i = Math.floor(step / n) % 9
    const raise = Math.min(3, left)
    row[i] += raise
    left -= raise
  }
  return rows
}

const answers = fc.array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 9, maxLength: 9 }), {
  minLength: 1,
  maxLength: 60,
})

describe('skmFigures: the contract’s worked example', () => {
  const f = skmFiguresOf(EXAMPLE)

  it('gives each element its NRR', () => {
    expect(ELEMENT_KEYS.map((k) => f.nrr[k])).toEqual([
      3.5, 3.25, 2.5, 4, 3.25, 3.25, 3.75, 2.75, 1.75,
    ])
    expect(f.nrr_total).toBe(28)
  })

  it('gives 25 × 28 ÷ 9 = 77.78, grade B', () => {
    expect(f.respondents).toBe(4)
    expect(f.ikm_skm).toBe(77.78)
    expect(f.grade).toBe('B')
  })

  it('puts complaint handling (U9) and then completion time (U3) first for improvement', () => {
    expect(f.weakest.slice(0, 2)).toEqual(['pengaduan', 'waktu'])
    // 2.75 (sarana) next; equal NRRs (3.25 for prosedur, produk, kompetensi) in element order.
    expect(f.weakest).toEqual([
      'pengaduan',
      'waktu',
      'sarana',
      'prosedur',
      'produk',
      'kompetensi',
      'persyaratan',
      'perilaku',
      'biaya',
    ])
  })

  it('grades each element on the index scale', () => {
    expect(f.elements.map((e) => [e.code, e.index, e.grade])).toEqual([
      ['U1', 87.5, 'B'],
      ['U2', 81.25, 'B'],
      ['U3', 62.5, 'D'],
      ['U4', 100, 'A'],
      ['U5', 81.25, 'B'],
      ['U6', 81.25, 'B'],
      ['U7', 93.75, 'A'],
      ['U8', 68.75, 'C'],
      ['U9', 43.75, 'D'],
    ])
    expect(f.element_grades.pengaduan).toBe('D')
  })

  it('keeps the tallies the worksheet prints', () => {
    expect(f.elements[2]).toMatchObject({ key: 'waktu', tally: [0, 2, 2, 0], sum: 10 })
    expect(f.elements[8]).toMatchObject({ key: 'pengaduan', tally: [1, 3, 0, 0], sum: 7 })
  })

  it('gives the same figures for answers keyed by element', () => {
    const keyed = EXAMPLE.map((row) => Object.fromEntries(ELEMENT_KEYS.map((k, i) => [k, row[i]])))
    expect(skmFiguresOf(keyed as never)).toEqual(f)
  })

  it('shows 77.70 with the 0.111 weight, the same grade', () => {
    expect(f.ikm_skm_0111).toBe(77.7)
    expect(f.grade_0111).toBe('B')
    expect(f.grade_0111_differs).toBe(false)
  })
})

describe('skmFigures: the grade boundaries of PermenPANRB 14/2017', () => {
  it.each([
    // [respondents, sum of all answers, ikm_skm, grade]: 25 × sum ÷ 9n
    [19, 604, 88.3, 'B'], // 88.3041
    [24, 763, 88.31, 'A'], // 88.3102
    [26, 717, 76.6, 'C'], // 76.6026
    [19, 524, 76.61, 'B'], // 76.6082
    [5, 117, 65, 'C'], // 65 exactly
    [38, 889, 64.99, 'D'], // 64.9854
  ])('%i respondents answering %i in all → %s, %s', (n, sum, index, grade) => {
    const f = skmFiguresOf(respondentsSumming(n, sum))
    expect(f.ikm_skm).toBe(index)
    expect(f.grade).toBe(grade)
  })
})

describe('skmFigures: rounding', () => {
  it('rounds a true half up: 25 × 225 ÷ 72 = 78.125 → 78.13', () => {
    expect(skmFiguresOf(respondentsSumming(8, 225)).ikm_skm).toBe(78.13)
  })

  it('rounds 89.375 to 89.38, where 25 × (S ÷ n) ÷ 9 in floating point gives 89.37', () => {
    // 40 respondents, 1 287 answers in all: 25 × 1287 ÷ 360 = 89.375 exactly.
    expect(Math.round(((25 * (1287 / 40)) / 9) * 100) / 100).toBe(89.37)
    expect(skmFiguresOf(respondentsSumming(40, 1287)).ikm_skm).toBe(89.38)
  })

  it('rounds a third down and two thirds up', () => {
    // 25 × 31 ÷ 9 = 86.111…, 25 × 32 ÷ 9 = 88.888…
    expect(skmFiguresOf(respondentsSumming(1, 31)).ikm_skm).toBe(86.11)
    expect(skmFiguresOf(respondentsSumming(1, 32)).ikm_skm).toBe(88.89)
  })

  it('halfUp works from whole numbers', () => {
    expect(halfUp(700, 9)).toBe(77.78)
    expect(halfUp(1, 8)).toBe(0.13)
    expect(halfUp(1, 8, 3)).toBe(0.125)
    expect(halfUp(2, 3, 0)).toBe(1)
  })
})

describe('skmFigures: the 0.111 weight', () => {
  it('drops 88.33 (A) to 88.25 (B), 76.67 (B) to 76.59 (C) and 65.00 (C) to 64.94 (D)', () => {
    const cases = [
      [159, 88.33, 'A', 88.25, 'B'],
      [138, 76.67, 'B', 76.59, 'C'],
      [117, 65, 'C', 64.94, 'D'],
    ] as const
    for (const [sum, official, grade, weighted, grade0111] of cases) {
      const f = skmFiguresOf(respondentsSumming(5, sum))
      expect([f.ikm_skm, f.grade, f.ikm_skm_0111, f.grade_0111, f.grade_0111_differs]).toEqual([
        official,
        grade,
        weighted,
        grade0111,
        true,
      ])
    }
  })

  it('is 0.999 of the official index and never above it', () => {
    fc.assert(
      fc.property(answers, (rows) => {
        const f = skmFiguresOf(rows)
        const exact = (25 * (f.nrr_total as number)) / 9
        // Rounded half up, so at most half a hundredth away (53.835 → 53.84).
        expect(Math.abs((f.ikm_skm_0111 as number) - 0.999 * exact)).toBeLessThanOrEqual(
          0.005 + 1e-9,
        )
        expect(f.ikm_skm_0111 as number).toBeLessThanOrEqual(f.ikm_skm as number)
      }),
    )
  })
})

describe('skmFigures: properties', () => {
  it('stays within 25–100 and agrees with 25 × mean answer', () => {
    fc.assert(
      fc.property(answers, (rows) => {
        const f = skmFiguresOf(rows)
        const mean = rows.flat().reduce((s, v) => s + v, 0) / (9 * rows.length)
        expect(f.ikm_skm as number).toBeGreaterThanOrEqual(25)
        expect(f.ikm_skm as number).toBeLessThanOrEqual(100)
        expect(Math.abs((f.ikm_skm as number) - 25 * mean)).toBeLessThanOrEqual(0.005 + 1e-9)
      }),
    )
  })

  it('is 100 (A) when everyone answers 4 and 25 (D) when everyone answers 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.constantFrom(1, 4), (n, v) => {
        const f = skmFiguresOf(Array.from({ length: n }, () => Array(9).fill(v)))
        expect([f.ikm_skm, f.grade, f.ikm_skm_0111]).toEqual(
          v === 4 ? [100, 'A', 99.9] : [25, 'D', 24.98],
        )
        expect(Object.values(f.nrr)).toEqual(Array(9).fill(v))
      }),
    )
  })

  it('does not depend on the order of the respondents', () => {
    fc.assert(
      fc.property(
        answers.chain((rows) =>
          fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length })),
        ),
        ([rows, shuffled]) => {
          expect(skmFiguresOf(shuffled)).toEqual(skmFiguresOf(rows))
        },
      ),
    )
  })

  it('ranks the weakest by NRR, each element once', () => {
    fc.assert(
      fc.property(answers, (rows) => {
        const f = skmFiguresOf(rows)
        expect([...f.weakest].sort()).toEqual([...ELEMENT_KEYS].sort())
        const nrrs = f.weakest.map((k) => f.nrr[k] as number)
        expect(nrrs).toEqual([...nrrs].sort((a, b) => a - b))
      }),
    )
  })
})

describe('skmFigures: no respondents', () => {
  it('has no index, grade or ranking', () => {
    const f = skmFiguresOf([])
    expect([f.ikm_skm, f.grade, f.ikm_skm_0111, f.grade_0111, f.nrr_total]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ])
    expect(f.grade_0111_differs).toBe(false)
    expect(f.weakest).toEqual([])
    expect(Object.values(f.nrr)).toEqual(Array(9).fill(null))
  })
})

describe('skmFigures: sample adequacy (Krejcie–Morgan)', () => {
  const fours = (n: number) => Array.from({ length: n }, () => Array(9).fill(4))

  it('asks 80 respondents of a service with 100 users', () => {
    expect(skmFiguresOf(fours(79), { population: 100 })).toMatchObject({
      population: 100,
      required_sample: 80,
      sample_adequate: false,
    })
    expect(skmFiguresOf(fours(80), { population: 100 }).sample_adequate).toBe(true)
  })

  it('asks 278 of 1 000 users', () => {
    expect(skmFiguresOf(fours(4), { population: 1000 })).toMatchObject({
      required_sample: 278,
      sample_adequate: false,
    })
  })

  it('has nothing to judge by when the service has no population entered', () => {
    expect(skmFiguresOf(EXAMPLE)).toMatchObject({
      population: null,
      required_sample: null,
      sample_adequate: null,
    })
  })
})

describe('skmFigures: against the previous period', () => {
  it('gives the change in index points', () => {
    expect(skmFiguresOf(EXAMPLE, { previous: 75.5 })).toMatchObject({
      ikm_skm_prev: 75.5,
      ikm_skm_change: 2.28,
    })
    // 77.78 − 80.01 must read −2.23, not −2.2300000000000040
    expect(skmFiguresOf(EXAMPLE, { previous: 80.01 }).ikm_skm_change).toBe(-2.23)
  })

  it('has no change without a previous index or without respondents now', () => {
    expect(skmFiguresOf(EXAMPLE).ikm_skm_change).toBeNull()
    expect(skmFiguresOf([], { previous: 80 })).toMatchObject({
      ikm_skm_prev: 80,
      ikm_skm_change: null,
    })
  })
})

describe('tallyAnswers', () => {
  it('adds up like the answers, so tallies from SQL give the same figures', () => {
    const t = tallyAnswers(EXAMPLE)
    expect(t.respondents).toBe(4)
    expect(t.elements.persyaratan).toEqual([0, 0, 2, 2])
    expect(skmFigures(t)).toEqual(skmFiguresOf(EXAMPLE))
  })

  it('refuses an answer out of the scale or a respondent short of nine', () => {
    expect(() => tallyAnswers([[4, 4, 3, 4, 4, 3, 4, 3, 5]])).toThrow(RangeError)
    expect(() => tallyAnswers([[4, 4, 3, 4, 4, 3, 4, 3]])).toThrow(RangeError)
    expect(() => tallyAnswers([[4, 4, 3, 4, 4, 3, 4, 3, 2.5]])).toThrow(RangeError)
  })
})

describe('profileCounts', () => {
  it('counts each value, and «tidak diisi» for a field left out', () => {
    const counts = profileCounts([
      { jenis_kelamin: 'P', usia: '30-39', pendidikan: 'd4-s1', pekerjaan: 'pegawai-swasta' },
      { jenis_kelamin: 'L', usia: '30-39' },
      { jenis_kelamin: 'P', usia: '<20', pekerjaan: 'pelajar-mahasiswa' },
      null,
    ])
    expect(counts.jenis_kelamin).toEqual({ L: 1, P: 2, tidak_diisi: 1 })
    expect(counts.usia).toEqual({
      '<20': 1,
      '20-29': 0,
      '30-39': 2,
      '40-49': 0,
      '50-59': 0,
      '60+': 0,
      tidak_diisi: 1,
    })
    expect(counts.pendidikan).toMatchObject({ 'd4-s1': 1, sd: 0, tidak_diisi: 3 })
    expect(counts.pekerjaan).toMatchObject({
      'pegawai-swasta': 1,
      'pelajar-mahasiswa': 1,
      tidak_diisi: 2,
    })
  })

  it('lists every value in the questionnaire’s order, even when nobody gave it', () => {
    expect(Object.keys(profileCounts([]).pendidikan)).toEqual([
      'sd',
      'smp',
      'sma',
      'd1-d3',
      'd4-s1',
      's2',
      's3',
      'tidak_diisi',
    ])
  })

  it('adds up to the respondents in every field', () => {
    const field = <T extends string>(...values: T[]) =>
      fc.option(fc.constantFrom(...values), { nil: undefined })
    const profile = fc.record({
      jenis_kelamin: field('L', 'P'),
      usia: field('<20', '20-29', '60+'),
      pendidikan: field('sd', 's3'),
      pekerjaan: field('wiraswasta', 'lainnya'),
    })
    fc.assert(
      fc.property(fc.array(fc.option(profile, { nil: null })), (profiles) => {
        const counts = profileCounts(profiles)
        for (const byValue of Object.values(counts)) {
          expect(Object.values(byValue).reduce((s, c) => s + c, 0)).toBe(profiles.length)
        }
      }),
    )
  })

  it('counts a value outside the lists as not given, never as a column of its own', () => {
    const counts = profileCounts([{ usia: 'toString' } as never, { usia: '99' } as never])
    expect(counts.usia.tidak_diisi).toBe(2)
    expect(Object.keys(counts.usia)).not.toContain('toString')
  })
})
