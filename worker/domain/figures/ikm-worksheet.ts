import { GRADE_FLOORS, type Grade } from './ikm'
import { Z_95 } from './ikm-interval'
import { RATINGS, type Counts } from './rating-scale'
import { CHI_SQUARED, D, P } from './sample-size'

// The «lembar perhitungan» of a printed report (/laporan/:id): the steps from counts to IKM,
// grade, interval and required sample, so a reader can redo them by hand. The results shown
// are always the frozen ones of the publication; the steps are worked out again from its
// frozen counts and views, never from live tables.

/** The frozen figures a worksheet explains: a statistics row of a publication. */
export interface FrozenFigures {
  counts: Counts
  total: number
  views: number
  ikm: number | null
  grade: Grade | null
  ikm_low: number | null
  ikm_high: number | null
  required_sample: number | null
  sample_adequate: boolean
}

export interface IkmWorksheet {
  /** value × count for each answer, best first. */
  terms: { value: number; count: number; product: number }[]
  ratingSum: number
  total: number
  /** ratingSum ÷ total, unrounded; null without responses. */
  mean: number | null
  /** 25 × mean, before rounding. */
  scaled: number | null
  ikm: number | null
  grade: Grade | null
  /** The IKM range of that grade (PermenPANRB 14/2017). */
  band: { low: number; high: number } | null
  /** The 95 % interval's steps; null below two responses, as the interval itself. */
  interval: {
    sd: number
    se: number
    z: number
    halfWidth: number
    low: number
    high: number
  } | null
  /** Krejcie–Morgan: the population N = max(views, responses) and s before rounding up. */
  sample: {
    population: number
    chiSquared: number
    p: number
    d: number
    exact: number | null
    required: number | null
    adequate: boolean
  }
}

/** The IKM range of a grade, in points: A is 88.31–100.00, B 76.61–88.30, … */
export function gradeBand(grade: Grade): { low: number; high: number } {
  const i = GRADE_FLOORS.findIndex(([g]) => g === grade)
  const high = i === 0 ? 10_000 : GRADE_FLOORS[i - 1][1] - 1
  return { low: GRADE_FLOORS[i][1] / 100, high: high / 100 }
}

export function ikmWorksheet(f: FrozenFigures): IkmWorksheet {
  const terms = RATINGS.map((r) => ({
    value: r.value,
    count: f.counts[r.key],
    product: r.value * f.counts[r.key],
  }))
  const ratingSum = terms.reduce((sum, t) => sum + t.product, 0)
  const n = f.total
  const mean = n === 0 ? null : ratingSum / n
  let interval: IkmWorksheet['interval'] = null
  if (mean !== null && n >= 2 && f.ikm_low !== null && f.ikm_high !== null) {
    const squares = terms.reduce((sum, t) => sum + t.count * (t.value - mean) ** 2, 0)
    const sd = Math.sqrt(squares / (n - 1))
    const se = sd / Math.sqrt(n)
    interval = { sd, se, z: Z_95, halfWidth: Z_95 * se, low: f.ikm_low, high: f.ikm_high }
  }
  const population = Math.max(f.views, n)
  const pq = CHI_SQUARED * P * (1 - P)
  return {
    terms,
    ratingSum,
    total: n,
    mean,
    scaled: mean === null ? null : 25 * mean,
    ikm: f.ikm,
    grade: f.grade,
    band: f.grade === null ? null : gradeBand(f.grade),
    interval,
    sample: {
      population,
      chiSquared: CHI_SQUARED,
      p: P,
      d: D,
      exact: population === 0 ? null : (pq * population) / (D * D * (population - 1) + pq),
      required: f.required_sample,
      adequate: f.sample_adequate,
    },
  }
}
