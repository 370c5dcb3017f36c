import { type Grade, grade } from '../domain/figures/ikm'
import { sampleAdequacy } from '../domain/figures/sample-size'
import {
  ELEMENT_KEYS,
  ELEMENTS,
  type ElementKey,
  NOT_GIVEN,
  PROFILE_FIELDS,
  type Profile,
  type ProfileKey,
} from './questionnaire'

// The figures of the Survei Kepuasan Masyarakat (docs/contract.md §14). Everything is worked out from
// whole numbers (how many gave which answer) and rounded once, half up, where it is shown:
// an NRR rounded before it is added would make 25 × 28 ÷ 9 come out 77.77 or 77.79.

/** One respondent's answers: nine values in element order (U1…U9), or by element key. */
export type Answers = readonly number[] | Readonly<Record<ElementKey, number>>

/** How many respondents answered 1, 2, 3 and 4 to one element. */
export type Tally = readonly [number, number, number, number]

/** What the figures are made of: storage can count these in SQL as well as from rows. */
export interface SkmTallies {
  respondents: number
  elements: Readonly<Record<ElementKey, Tally>>
}

export function emptyTallies(): SkmTallies {
  const elements = Object.fromEntries(
    ELEMENT_KEYS.map((k): [ElementKey, Tally] => [k, [0, 0, 0, 0]]),
  )
  return { respondents: 0, elements: elements as Record<ElementKey, Tally> }
}

/**
 * The tallies of some respondents' answers. Answers are validated on the way in (the API's
 * schema), so one out of range here is a bug and throws rather than skews a published index.
 */
export function tallyAnswers(respondents: readonly Answers[]): SkmTallies {
  const counts = ELEMENT_KEYS.map((): [number, number, number, number] => [0, 0, 0, 0])
  for (const answers of respondents) {
    const values = Array.isArray(answers)
      ? answers
      : ELEMENT_KEYS.map((k) => (answers as Record<ElementKey, number>)[k])
    if (values.length !== ELEMENT_KEYS.length) {
      throw new RangeError(`A respondent answers all nine elements, not ${values.length}`)
    }
    values.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 1 || v > 4) {
        throw new RangeError(`An answer is a whole number from 1 to 4, not ${v}`)
      }
      counts[i][v - 1] += 1
    })
  }
  const elements = Object.fromEntries(
    ELEMENT_KEYS.map((k, i): [ElementKey, Tally] => [k, counts[i]]),
  )
  return { respondents: respondents.length, elements: elements as Record<ElementKey, Tally> }
}

/**
 * numerator ÷ denominator rounded half up to `places` decimals, from whole numbers, so a
 * true half (77.775) always goes up and 77.7777… never becomes 77.77 through a float.
 */
export function halfUp(numerator: number, denominator: number, places = 2): number {
  const scale = 10 ** places
  return Math.floor((2 * numerator * scale + denominator) / (2 * denominator)) / scale
}

/** The sum of the answers to an element: 1 × n1 + 2 × n2 + 3 × n3 + 4 × n4. */
export function answerSum(tally: Tally): number {
  return tally[0] + 2 * tally[1] + 3 * tally[2] + 4 * tally[3]
}

export interface ElementFigures {
  key: ElementKey
  code: (typeof ELEMENTS)[number]['code']
  tally: Tally
  sum: number
  /** sum ÷ respondents, unrounded (exact as sum and respondents); null without respondents. */
  nrr: number | null
  /** The element on the index's scale, 25 × NRR, two decimals half up, graded as the index. */
  index: number | null
  grade: Grade | null
}

export interface SkmFigures {
  respondents: number
  elements: ElementFigures[]
  nrr: Record<ElementKey, number | null>
  element_grades: Record<ElementKey, Grade | null>
  /** Σ NRR of the nine elements, unrounded. */
  nrr_total: number | null
  /** 25 × Σ NRR × 1/9, two decimals half up (PermenPANRB 14/2017). */
  ikm_skm: number | null
  grade: Grade | null
  /** 25 × Σ (NRR × 0.111), the weight many SKM tools use; 0.999 × ikm_skm before rounding. */
  ikm_skm_0111: number | null
  grade_0111: Grade | null
  /** True when the 0.111 weight gives another grade: the worksheet then says so. */
  grade_0111_differs: boolean
  /** Element keys, lowest NRR first (the priorities for improvement); ties in U1…U9 order. */
  weakest: ElementKey[]
  /** The service users of the period, as entered for the service; null when not entered. */
  population: number | null
  /** Respondents Krejcie–Morgan asks for; null without a population. */
  required_sample: number | null
  /** Whether there are that many respondents; null when there is no population to judge by. */
  sample_adequate: boolean | null
  ikm_skm_prev: number | null
  /** ikm_skm − ikm_skm_prev, two decimals; null when either is null. */
  ikm_skm_change: number | null
}

/**
 * The figures of a service, OPD or site from its tallies. `population` is the service's users
 * in the period (docs/contract.md §14); `previous` the previous period's published ikm_skm.
 */
export function skmFigures(
  t: SkmTallies,
  context: { population?: number | null; previous?: number | null } = {},
): SkmFigures {
  const n = t.respondents
  const elements: ElementFigures[] = ELEMENTS.map((e) => {
    const tally = t.elements[e.key]
    const sum = answerSum(tally)
    const index = n === 0 ? null : halfUp(25 * sum, n)
    return {
      key: e.key,
      code: e.code,
      tally,
      sum,
      nrr: n === 0 ? null : sum / n,
      index,
      grade: grade(index),
    }
  })
  const total = elements.reduce((s, e) => s + e.sum, 0)
  // 25 × (Σ sum/n) × 1/9 = 25·S / 9n; 25 × (Σ sum/n) × 0.111 = 2.775·S / n = 555·S / 200n.
  const ikmSkm = n === 0 ? null : halfUp(25 * total, 9 * n)
  const ikm0111 = n === 0 ? null : halfUp(555 * total, 200 * n)
  const g = grade(ikmSkm)
  const g0111 = grade(ikm0111)
  const weakest =
    n === 0
      ? []
      : elements
          .map((e, i) => ({ key: e.key, sum: e.sum, i }))
          .sort((a, b) => a.sum - b.sum || a.i - b.i)
          .map((e) => e.key)
  const population = context.population ?? null
  const sample = population === null ? null : sampleAdequacy(n, population)
  const previous = context.previous ?? null
  return {
    respondents: n,
    elements,
    nrr: Object.fromEntries(elements.map((e) => [e.key, e.nrr])) as Record<
      ElementKey,
      number | null
    >,
    element_grades: Object.fromEntries(elements.map((e) => [e.key, e.grade])) as Record<
      ElementKey,
      Grade | null
    >,
    nrr_total: n === 0 ? null : total / n,
    ikm_skm: ikmSkm,
    grade: g,
    ikm_skm_0111: ikm0111,
    grade_0111: g0111,
    grade_0111_differs: g !== g0111,
    weakest,
    population,
    required_sample: sample?.required ?? null,
    sample_adequate: sample?.adequate ?? null,
    ikm_skm_prev: previous,
    ikm_skm_change:
      ikmSkm === null || previous === null
        ? null
        : (Math.round(ikmSkm * 100) - Math.round(previous * 100)) / 100,
  }
}

/** The figures straight from respondents' answers (see tallyAnswers). */
export function skmFiguresOf(
  respondents: readonly Answers[],
  context: { population?: number | null; previous?: number | null } = {},
): SkmFigures {
  return skmFigures(tallyAnswers(respondents), context)
}

/** Respondents by profile: per field, a count for each allowed value and for «tidak diisi». */
export type ProfileCounts = Record<ProfileKey, Record<string, number>>

/**
 * Every allowed value appears, 0 when nobody gave it, so a report's table and a CSV's columns
 * stay the same from period to period; each field's counts add up to the respondents. A value
 * outside the lists cannot be stored (the API refuses it), and would be counted as not given.
 */
export function profileCounts(profiles: readonly (Profile | null | undefined)[]): ProfileCounts {
  const counts = Object.fromEntries(
    PROFILE_FIELDS.map((f) => [
      f.key,
      Object.fromEntries([...f.options.map((o) => [o.value, 0]), [NOT_GIVEN.value, 0]]),
    ]),
  ) as ProfileCounts
  for (const profile of profiles) {
    for (const f of PROFILE_FIELDS) {
      const value: string | undefined = profile?.[f.key]
      const column =
        value !== undefined && Object.hasOwn(counts[f.key], value) ? value : NOT_GIVEN.value
      counts[f.key][column] += 1
    }
  }
  return counts
}
