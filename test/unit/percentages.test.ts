import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { percentages } from '../../worker/domain/figures/percentages'
import type { Counts } from '../../worker/domain/figures/rating-scale'

const counts = (
  sangat_puas: number,
  puas: number,
  cukup_puas: number,
  tidak_puas: number,
): Counts => ({
  sangat_puas,
  puas,
  cukup_puas,
  tidak_puas,
})

describe('percentages (largest remainder)', () => {
  it('gives the contract example 12/1/1/2 → 75/6/6/13', () => {
    expect(percentages(counts(12, 1, 1, 2))).toEqual(counts(75, 6, 6, 13))
  })

  it('is all zeros with no response', () => {
    expect(percentages(counts(0, 0, 0, 0))).toEqual(counts(0, 0, 0, 0))
  })

  it('gives 100 to the only answer given', () => {
    expect(percentages(counts(0, 0, 1, 0))).toEqual(counts(0, 0, 100, 0))
    expect(percentages(counts(0, 0, 0, 7))).toEqual(counts(0, 0, 0, 100))
  })

  it('gives equal remainders to the higher rating first', () => {
    // 1/1/1 of 3: 33.33 each, one point left, the best of the tied ratings gets it.
    expect(percentages(counts(1, 1, 1, 0))).toEqual(counts(34, 33, 33, 0))
    expect(percentages(counts(0, 1, 1, 1))).toEqual(counts(0, 34, 33, 33))
    // Four-way tie: 25 each, nothing left over.
    expect(percentages(counts(3, 3, 3, 3))).toEqual(counts(25, 25, 25, 25))
    // 1/1/1/1/… of 6 and 2 left: the two best tied get them.
    expect(percentages(counts(1, 1, 2, 2))).toEqual(counts(17, 17, 33, 33))
  })

  it('prefers the larger remainder over the higher rating', () => {
    // 1/2 of 3: 33.33 and 66.67; the point goes to puas (remainder .67).
    expect(percentages(counts(1, 2, 0, 0))).toEqual(counts(33, 67, 0, 0))
  })

  it('always adds up to exactly 100, each within one point of the exact share', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.nat(10_000), fc.nat(10_000), fc.nat(10_000), fc.nat(10_000)),
        ([a, b, c, d]) => {
          const total = a + b + c + d
          const p = percentages(counts(a, b, c, d))
          const values = [p.sangat_puas, p.puas, p.cukup_puas, p.tidak_puas]
          if (total === 0) return values.every((v) => v === 0)
          const exact = [a, b, c, d].map((n) => (n * 100) / total)
          return (
            values.reduce((s, v) => s + v, 0) === 100 &&
            values.every((v, i) => v >= Math.floor(exact[i]) && v <= Math.floor(exact[i]) + 1)
          )
        },
      ),
    )
  })
})
