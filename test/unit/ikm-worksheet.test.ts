import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { gradeBand, ikmWorksheet } from '../../worker/domain/figures/ikm-worksheet'
import { statFigures } from '../../worker/domain/figures/stat-figures'

const counts = (sangat_puas: number, puas: number, cukup_puas: number, tidak_puas: number) => ({
  sangat_puas,
  puas,
  cukup_puas,
  tidak_puas,
})

describe('ikmWorksheet (the report’s calculation steps)', () => {
  it('works the contract example through by hand', () => {
    const w = ikmWorksheet(statFigures(counts(12, 1, 1, 2), 284))
    expect(w.terms.map((t) => t.product)).toEqual([48, 3, 2, 2])
    expect(w.ratingSum).toBe(55)
    expect(w.mean).toBe(3.4375)
    expect(w.scaled).toBe(85.9375)
    expect(w.ikm).toBe(85.94)
    expect(w.grade).toBe('B')
    expect(w.band).toEqual({ low: 76.61, high: 88.3 })
    // s² = 17.9375 / 15, s = 1.093542, s/√16 = 0.273385, × 1.96 = 0.535835
    expect(w.interval?.sd).toBeCloseTo(1.093542, 6)
    expect(w.interval?.halfWidth).toBeCloseTo(0.535835, 6)
    expect([w.interval?.low, w.interval?.high]).toEqual([72.54, 99.33])
    // N = 284: 3.841 · 284 · 0.25 / (0.0025 · 283 + 3.841 · 0.25) = 163.52 → 164
    expect(w.sample.population).toBe(284)
    expect(w.sample.exact).toBeCloseTo(163.52, 2)
    expect(w.sample.required).toBe(164)
    expect(w.sample.adequate).toBe(false)
  })

  it('has no mean, interval or sample without responses and views', () => {
    const w = ikmWorksheet(statFigures(counts(0, 0, 0, 0), 0))
    expect([w.mean, w.scaled, w.ikm, w.grade, w.band, w.interval]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ])
    expect(w.sample).toMatchObject({ population: 0, exact: null, required: null })
  })

  it('gives the grade bands of PermenPANRB 14/2017', () => {
    expect(['A', 'B', 'C', 'D'].map((g) => gradeBand(g as 'A'))).toEqual([
      { low: 88.31, high: 100 },
      { low: 76.61, high: 88.3 },
      { low: 65, high: 76.6 },
      { low: 25, high: 64.99 },
    ])
  })

  it('always leads to the frozen figures it explains', () => {
    const count = fc.integer({ min: 0, max: 5000 })
    fc.assert(
      fc.property(
        count,
        count,
        count,
        count,
        fc.integer({ min: 0, max: 50_000 }),
        (a, b, c, d, v) => {
          const f = statFigures(counts(a, b, c, d), v)
          const w = ikmWorksheet(f)
          if (w.scaled !== null) {
            expect(Math.round(w.scaled * 100) / 100).toBeCloseTo(f.ikm!, 9)
            expect(w.band!.low <= f.ikm! && f.ikm! <= w.band!.high).toBe(true)
          }
          if (w.interval !== null && w.mean !== null) {
            const low = Math.max(25, 25 * (w.mean - w.interval.halfWidth))
            expect(Math.abs(low - f.ikm_low!)).toBeLessThanOrEqual(0.005 + 1e-9)
          }
          if (w.sample.exact !== null) {
            expect(Math.ceil(Math.round(w.sample.exact * 1e9) / 1e9)).toBe(f.required_sample)
          }
        },
      ),
    )
  })
})
