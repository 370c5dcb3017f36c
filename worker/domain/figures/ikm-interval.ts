import { ratingSum } from './ikm'
import { RATINGS, totalOf, type Counts } from './rating-scale'

/** z for a two-sided 95 % interval under the normal approximation. */
export const Z_95 = 1.96

export interface IkmBounds {
  low: number
  high: number
}

const clip = (ikm: number) => Math.min(100, Math.max(25, ikm))
const round2 = (x: number) => Math.round(x * 100) / 100

/**
 * The 95 % confidence interval of the IKM: 25 × (mean ± 1.96 · s/√n), where s is the sample
 * standard deviation of the n ratings (1–4, divisor n − 1) computed from the counts, clipped
 * to the index's range 25–100 and rounded to two decimals.
 *
 * Null below two responses: one rating has no spread to estimate. With a handful of equal
 * ratings s is 0 and the interval collapses to a point; that is the formula's honest answer
 * about the sample, and the «sampel belum memadai» flag is what warns the reader.
 */
export function ikmInterval(counts: Counts): IkmBounds | null {
  const n = totalOf(counts)
  if (n < 2) return null
  const mean = ratingSum(counts) / n
  let squares = 0
  for (const r of RATINGS) squares += counts[r.key] * (r.value - mean) ** 2
  const halfWidth = (Z_95 * Math.sqrt(squares / (n - 1))) / Math.sqrt(n)
  return { low: round2(clip(25 * (mean - halfWidth))), high: round2(clip(25 * (mean + halfWidth))) }
}

/**
 * Bounds for ranking articles, on the IKM scale, that a few responses cannot dominate.
 *
 * Each article starts with one pseudo-response of every rating (a uniform Dirichlet prior),
 * and the bound is the posterior mean ∓ 1.96 posterior standard deviations (Evan Miller,
 * «Ranking items with star ratings», 2016):
 *   N = n + 4, m = Σ v·(n_v + 1)/N, m₂ = Σ v²·(n_v + 1)/N, bound = m ∓ 1.96·√((m₂ − m²)/(N + 1)).
 * Two «Tidak Puas» answers give an upper bound of 71.39, above an even spread (mean 2.5) over a
 * hundred readers (67.85), so «lowest satisfaction first» lists the well-attested case
 * first. Defined for every article, even one with no responses (the prior alone).
 */
export function rankingBounds(counts: Counts): IkmBounds {
  const N = totalOf(counts) + RATINGS.length
  let m = 0
  let m2 = 0
  for (const r of RATINGS) {
    const weight = (counts[r.key] + 1) / N
    m += r.value * weight
    m2 += r.value * r.value * weight
  }
  const spread = Z_95 * Math.sqrt((m2 - m * m) / (N + 1))
  return { low: round2(clip(25 * (m - spread))), high: round2(clip(25 * (m + spread))) }
}
