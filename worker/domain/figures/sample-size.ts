/**
 * Krejcie & Morgan (1970), the sample size that SKM practice asks of a population N:
 *   s = χ² · N · P(1 − P) / (d² · (N − 1) + χ² · P(1 − P))
 * with χ² = 3.841 (one degree of freedom, 95 %), P = 0.5 (the most demanding proportion)
 * and d = 0.05 (a 5 % margin), rounded up to a whole respondent. N = 100 → 80,
 * N = 1 000 → 278, and it never exceeds 384 however large N grows.
 */
export const CHI_SQUARED = 3.841
export const P = 0.5
export const D = 0.05

export function krejcieMorgan(population: number): number {
  if (population <= 0) return 0
  const pq = CHI_SQUARED * P * (1 - P)
  const s = (pq * population) / (D * D * (population - 1) + pq)
  // Guard against 79.00000000001 becoming 80: s is rounded to 1e-9 before rounding up.
  return Math.ceil(Math.round(s * 1e9) / 1e9)
}

export interface SampleAdequacy {
  /** Responses that Krejcie–Morgan asks for; null when there is no population at all. */
  required: number | null
  /** False means «sampel belum memadai» (sample not yet adequate). */
  adequate: boolean
}

/**
 * The population is the article's (or OPD's) readers: its views. Every respondent was a
 * reader, so when fewer views than responses were counted (a blocked view beacon), the
 * population is taken as the responses instead: max(views, responses). With neither there
 * is nothing to judge: required is null and the sample is not adequate.
 */
export function sampleAdequacy(responses: number, views: number): SampleAdequacy {
  const population = Math.max(views, responses)
  if (population === 0) return { required: null, adequate: false }
  const required = krejcieMorgan(population)
  return { required, adequate: responses >= required }
}
