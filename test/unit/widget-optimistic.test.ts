import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { percentages } from '../../worker/domain/figures/percentages'
import { totalOf, type Counts, type RatingValue } from '../../worker/domain/figures/rating-scale'
import { withAnswer } from '../../widget/app/optimistic'
import type { WidgetSummary } from '../../widget/app/widget-summary'

function summaryOf(counts: Counts, yours: RatingValue | null = null): WidgetSummary {
  return { counts, percentages: percentages(counts), total: totalOf(counts), views: 284, yours }
}

describe('the optimistic update', () => {
  it('counts a first answer at once, with the API’s percentages (docs/contract.md §2 example)', () => {
    const after = withAnswer(
      summaryOf({ sangat_puas: 11, puas: 1, cukup_puas: 1, tidak_puas: 2 }),
      4,
    )
    expect(after).toEqual({
      counts: { sangat_puas: 12, puas: 1, cukup_puas: 1, tidak_puas: 2 },
      percentages: { sangat_puas: 75, puas: 6, cukup_puas: 6, tidak_puas: 13 },
      total: 16,
      views: 284,
      yours: 4,
    })
  })

  it('moves a changed answer instead of counting the reader twice', () => {
    const after = withAnswer(
      summaryOf({ sangat_puas: 12, puas: 1, cukup_puas: 1, tidak_puas: 2 }, 4),
      1,
    )
    expect(after.counts).toEqual({ sangat_puas: 11, puas: 1, cukup_puas: 1, tidak_puas: 3 })
    expect(after.total).toBe(16)
    expect(after.yours).toBe(1)
  })

  it('leaves the summary it was given untouched, so a failure can roll back to it', () => {
    const before = summaryOf({ sangat_puas: 1, puas: 0, cukup_puas: 0, tidak_puas: 0 })
    const copy = structuredClone(before)
    withAnswer(before, 2)
    expect(before).toEqual(copy)
  })

  it('always shows percentages that add up to 100', () => {
    const count = fc.nat({ max: 5000 })
    const rating = fc.constantFrom<RatingValue>(1, 2, 3, 4)
    fc.assert(
      fc.property(
        count,
        count,
        count,
        count,
        fc.option(rating, { nil: null }),
        rating,
        (a, b, c, d, yours, next) => {
          const counts = { sangat_puas: a + 1, puas: b + 1, cukup_puas: c + 1, tidak_puas: d + 1 }
          const after = withAnswer(summaryOf(counts, yours), next)
          const sum = Object.values(after.percentages).reduce((x, y) => x + y, 0)
          expect(sum).toBe(100)
          expect(after.total).toBe(totalOf(counts) + (yours === null ? 1 : 0))
        },
      ),
    )
  })
})
