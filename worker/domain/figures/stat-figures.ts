import { grade, ikm, type Grade } from './ikm'
import { ikmInterval } from './ikm-interval'
import { percentages } from './percentages'
import { totalOf, type Counts } from './rating-scale'
import { responseRate } from './response-rate'
import { sampleAdequacy } from './sample-size'

/** The figures every statistics row carries (per site, OPD, article or day). */
export interface StatFigures {
  counts: Counts
  percentages: Counts
  total: number
  views: number
  response_rate: number | null
  ikm: number | null
  grade: Grade | null
  ikm_low: number | null
  ikm_high: number | null
  required_sample: number | null
  sample_adequate: boolean
}

export function statFigures(counts: Counts, views: number): StatFigures {
  const total = totalOf(counts)
  const index = ikm(counts)
  const interval = ikmInterval(counts)
  const sample = sampleAdequacy(total, views)
  return {
    counts,
    percentages: percentages(counts),
    total,
    views,
    response_rate: responseRate(total, views),
    ikm: index,
    grade: grade(index),
    ikm_low: interval?.low ?? null,
    ikm_high: interval?.high ?? null,
    required_sample: sample.required,
    sample_adequate: sample.adequate,
  }
}
