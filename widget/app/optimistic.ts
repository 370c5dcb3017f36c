import { percentages } from '../../worker/domain/figures/percentages'
import { ratingKey, totalOf, type RatingValue } from '../../worker/domain/figures/rating-scale'
import type { WidgetSummary } from './widget-summary'

/**
 * The summary as it will be once the server has the reader's answer: an earlier answer of the
 * same reader moves rather than counts twice (docs/contract.md §5), percentages by the API's own rule.
 */
export function withAnswer(summary: WidgetSummary, rating: RatingValue): WidgetSummary {
  const counts = { ...summary.counts }
  if (summary.yours) counts[ratingKey(summary.yours)]-- // ratings are 1–4: only null is falsy
  counts[ratingKey(rating)]++
  return {
    ...summary,
    counts,
    percentages: percentages(counts),
    total: totalOf(counts),
    yours: rating,
  }
}
