import { describe, expect, it } from 'vitest'
import { skmFiguresOf } from '../../worker/skm/figures'
import { skmWorksheet } from '../../worker/skm/worksheet'

const EXAMPLE = [
  [4, 4, 3, 4, 4, 3, 4, 3, 2],
  [3, 3, 3, 4, 3, 3, 4, 3, 2],
  [4, 3, 2, 4, 3, 4, 4, 2, 1],
  [3, 3, 2, 4, 3, 3, 3, 3, 2],
]

describe('skmWorksheet (the report’s calculation steps)', () => {
  it('works the contract example through by hand', () => {
    const w = skmWorksheet(skmFiguresOf(EXAMPLE, { population: 50 }))
    expect(w.rows.map((r) => [r.code, r.tally, r.sum, r.nrr, r.weighted])).toEqual([
      ['U1', [0, 0, 2, 2], 14, 3.5, 0.389],
      ['U2', [0, 0, 3, 1], 13, 3.25, 0.361],
      ['U3', [0, 2, 2, 0], 10, 2.5, 0.278],
      ['U4', [0, 0, 0, 4], 16, 4, 0.444],
      ['U5', [0, 0, 3, 1], 13, 3.25, 0.361],
      ['U6', [0, 0, 3, 1], 13, 3.25, 0.361],
      ['U7', [0, 0, 1, 3], 15, 3.75, 0.417],
      ['U8', [0, 1, 3, 0], 11, 2.75, 0.306],
      ['U9', [1, 3, 0, 0], 7, 1.75, 0.194],
    ])
    expect(w.rows[8].name.id).toBe('Penanganan pengaduan, saran dan masukan')
    // Σ 112 answers, Σ NRR 28.00, × 1/9 = 3.111; the shown rows add up to 3.111 as well here.
    expect(w.total).toEqual({ sum: 112, nrr: 28, weighted: 3.111 })
    expect(w.scaled).toBeCloseTo(77.7778, 4)
    expect([w.ikm_skm, w.grade, w.band]).toEqual([77.78, 'B', { low: 76.61, high: 88.3 }])
    expect(w.weight0111).toEqual({ ikm: 77.7, grade: 'B', note: null })
    // N = 50: 3.841 · 50 · 0.25 / (0.0025 · 49 + 3.841 · 0.25) = 48.0125 / 1.08275 = 44.34 → 45
    expect(w.sample?.exact).toBeCloseTo(44.34, 2)
    expect(w.sample).toMatchObject({ population: 50, required: 45, adequate: false })
  })

  it('says so beside the official figure where 0.111 changes the grade', () => {
    // Five respondents, 138 answers in all: 25 × 138 ÷ 45 = 76.67 (B), × 0.999 → 76.59 (C).
    const rows = [
      [3, 3, 3, 3, 3, 3, 3, 3, 4],
      [3, 3, 3, 3, 3, 3, 3, 3, 4],
      [3, 3, 3, 3, 3, 3, 3, 3, 4],
      [3, 3, 3, 3, 3, 3, 3, 3, 3],
      [3, 3, 3, 3, 3, 3, 3, 3, 3],
    ]
    const w = skmWorksheet(skmFiguresOf(rows))
    expect([w.ikm_skm, w.grade]).toEqual([76.67, 'B'])
    expect(w.weight0111?.grade).toBe('C')
    expect(w.weight0111?.note?.id).toBe(
      'Dengan bobot 0,111 per unsur (bukan 1/9) indeksnya 76,59 (C), bukan 76,67 (B). ' +
        'Nilai resmi memakai 1/9 (PermenPANRB 14/2017).',
    )
    expect(w.weight0111?.note?.en).toMatch(
      /^With a weight of 0\.111 .* 76\.59 \(C\), not 76\.67 \(B\)\./,
    )
  })

  it('has no steps to show without respondents, and no sample without a population', () => {
    const w = skmWorksheet(skmFiguresOf([]))
    expect([w.total, w.scaled, w.ikm_skm, w.grade, w.band, w.weight0111, w.sample]).toEqual([
      { sum: 0, nrr: null, weighted: null },
      null,
      null,
      null,
      null,
      null,
      null,
    ])
    expect(w.rows.every((r) => r.nrr === null && r.sum === 0)).toBe(true)
  })
})
