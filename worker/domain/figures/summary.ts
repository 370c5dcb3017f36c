import { grade, ikm, type Grade } from './ikm'
import { percentages } from './percentages'
import { totalOf, type Counts, type RatingValue } from './rating-scale'

/** The summary shape of docs/contract.md §5, returned by several endpoints. */
export interface Summary {
  site: string
  opd: string | null
  article: string
  counts: Counts
  percentages: Counts
  total: number
  views: number
  ikm: number | null
  grade: Grade | null
  yours: RatingValue | null
}

export interface SummaryInput {
  site: string
  opd: string | null
  article: string
  counts: Counts
  views: number
  yours: RatingValue | null
}

export function buildSummary(input: SummaryInput): Summary {
  const index = ikm(input.counts)
  return {
    site: input.site,
    opd: input.opd,
    article: input.article,
    counts: input.counts,
    percentages: percentages(input.counts),
    total: totalOf(input.counts),
    views: input.views,
    ikm: index,
    grade: grade(index),
    yours: input.yours,
  }
}
