import { describe, expect, it } from 'vitest'
import { ikmInterval, rankingBounds } from '../../worker/domain/figures/ikm-interval'

const counts = (sangat_puas: number, puas: number, cukup_puas: number, tidak_puas: number) => ({
  sangat_puas,
  puas,
  cukup_puas,
  tidak_puas,
})

describe('ikmInterval (95 %, 25 × (mean ± 1.96·s/√n))', () => {
  it('gives the contract example 72.54 … 99.33', () => {
    // mean 3.4375, s² = 17.9375/15, half-width 1.96 · 1.093542/4 = 0.535836
    expect(ikmInterval(counts(12, 1, 1, 2))).toEqual({ low: 72.54, high: 99.33 })
  })

  it('computes an even spread by hand', () => {
    // 1,2,3,4 once each: mean 2.5, s² = 5/3, s = 1.290994, 1.96 · s/2 = 1.265174
    // 25 × (2.5 ∓ 1.265174) = 30.87 … 94.13
    expect(ikmInterval(counts(1, 1, 1, 1))).toEqual({ low: 30.87, high: 94.13 })
  })

  it('narrows as the same answers grow in number', () => {
    // ×100: s² = 500/399, s = 1.119428, 1.96 · s/20 = 0.109704 → 59.76 … 65.24
    expect(ikmInterval(counts(100, 100, 100, 100))).toEqual({ low: 59.76, high: 65.24 })
  })

  it('is clipped to 25–100', () => {
    // 3 × 4 and 1 × 1: mean 3.25, s = 1.5, 1.96 · 1.5/2 = 1.47 → 44.5 … 118 → 100
    expect(ikmInterval(counts(3, 0, 0, 1))).toEqual({ low: 44.5, high: 100 })
    // 1 × 4 and 3 × 1: mean 1.75 → 6.75 … 80.5, low clipped to 25
    expect(ikmInterval(counts(1, 0, 0, 3))).toEqual({ low: 25, high: 80.5 })
  })

  it('collapses to the point when every answer is the same', () => {
    expect(ikmInterval(counts(0, 0, 0, 2))).toEqual({ low: 25, high: 25 })
  })

  it('is null below two responses', () => {
    expect(ikmInterval(counts(0, 0, 0, 0))).toBeNull()
    expect(ikmInterval(counts(0, 1, 0, 0))).toBeNull()
  })
})

describe('rankingBounds (one pseudo-answer per rating)', () => {
  it('keeps two angry readers above a well-attested mediocre article', () => {
    // (0,0,0,2): N = 6, m = 2, m₂ = 32/6, √((32/6 − 4)/7) = 0.436436 → 28.61 … 71.39
    expect(rankingBounds(counts(0, 0, 0, 2))).toEqual({ low: 28.61, high: 71.39 })
    // (25,25,25,25): N = 104, m = 2.5, m₂ = 7.5, √(1.25/105) = 0.109109 → 57.15 … 67.85
    expect(rankingBounds(counts(25, 25, 25, 25))).toEqual({ low: 57.15, high: 67.85 })
  })

  it('is the prior alone without responses', () => {
    // m = 2.5, m₂ = 7.5, √(1.25/5) = 0.5 → 25 × (2.5 ∓ 0.98) = 38 … 87
    expect(rankingBounds(counts(0, 0, 0, 0))).toEqual({ low: 38, high: 87 })
  })

  // Bengkulu in the demo data: Lebong's seven answers, all «puas» or better, rank above Kota
  // Bengkulu's 63 (IKM about 70, nine «tidak puas»). Right, not a slip: Lebong's bound is its
  // IKM (92.9) pulled down by 25 points, and even so it is about Kota Bengkulu's own IKM, whose
  // bound is lower still. A handful of answers tops only pemda whose answers are worse than its
  // pessimistic reading; a well-attested good pemda (grade B, 63 answers) stays above it.
  it('ranks a few uniformly satisfied answers above many mixed ones, not above many good ones', () => {
    const lebong = rankingBounds(counts(5, 2, 0, 0))
    const kotaBengkulu = rankingBounds(counts(18, 22, 14, 9))
    expect(lebong.low).toBe(68.21)
    expect(kotaBengkulu.low).toBe(62.95)
    expect(rankingBounds(counts(30, 25, 6, 2)).low).toBe(76.84)
    // Five answers, every one «sangat puas»: 67, not 100.
    expect(rankingBounds(counts(5, 0, 0, 0)).low).toBe(67)
  })

  it('moves towards the mean as evidence grows', () => {
    const few = rankingBounds(counts(0, 0, 0, 3))
    const many = rankingBounds(counts(0, 0, 0, 300))
    expect(many.high).toBeLessThan(few.high)
    expect(many.high).toBeLessThan(27)
  })
})
