import { countsOf } from '../../db/sql'
import * as z from 'zod'
import { scopedFilter, type TokenScope } from '../../auth/token'
import type { Db } from '../../db/client'
import {
  daySpan,
  FIRST_DAY,
  isCalendarDay,
  isDayInRange,
  LAST_DAY,
} from '../../domain/calendar/days'
import { type PreviousRange, previousRange } from '../../domain/figures/period-change'
import type { Period } from '../../domain/calendar/periods'
import type { Counts } from '../../domain/figures/rating-scale'
import { CATEGORY_KEYS } from '../../domain/regions/opd-categories'
import { isWithin } from '../../domain/regions/regions'
import { apiError, type ErrorCode } from '../../errors'
import { requireSiteAndOpd } from '../known-site'
import { siteRegion } from '../../storage/region-stats'
import { opdSlug, siteId } from '../../validation/fields'
import { periodField } from '../../validation/period'
import { RESTRICTED } from '../operation'

// How every statistics request (docs/contract.md §5, restricted) is asked and checked: the
// query fields they share, a period or from/to as days, and the token's scope.

/** The longest date range one request may ask for: ten years of days. */
const MAX_RANGE_DAYS = 3660

/** The error codes every statistics operation may answer with. */
export const STATS = [
  ...RESTRICTED,
  'invalid_request',
  'invalid_range',
  'range_too_long',
  'out_of_scope',
  'unknown_site',
  'unknown_opd',
] as const satisfies readonly ErrorCode[]

const day = (name: string) =>
  z
    .string()
    .refine(isCalendarDay, `${name} must be a calendar day written YYYY-MM-DD, e.g. 2026-11-01`)
    .refine(isDayInRange, `${name} must be a day from ${FIRST_DAY} to ${LAST_DAY}`)

/** The query fields of the statistics; each operation takes those it needs. */
export const statsFields = {
  site: siteId.optional(),
  opd: opdSlug.optional(),
  from: day('from').optional(),
  to: day('to').optional(),
  period: periodField.optional(),
  format: z
    .enum(['json', 'csv', 'xlsx'], { error: 'format must be json, csv or xlsx' })
    .default('json'),
}

/** `category`: one kind of OPD (docs/contract.md §13), as /opds and /skm narrow by it. */
export const categoryField = z
  .enum(CATEGORY_KEYS, { error: 'category must be one of the keys GET /api/v1/categories lists' })
  .optional()

/** How a CSV download is written (docs/api.md «Downloads»); JSON and XLSX ignore them. */
export const downloadFields = {
  headers: z
    .enum(['keys', 'id'], { error: 'headers must be keys or id' })
    .default('keys')
    .describe('`id`: Indonesian column headers and a UTF-8 byte order mark'),
  separator: z
    .enum(['comma', 'semicolon'], { error: 'separator must be comma or semicolon' })
    .default('comma')
    .describe('`semicolon`: `;` between cells and decimal commas (Excel in Indonesian)'),
}

/** `limit`: a whole number from 1 to `max` in a query string, `fallback` when absent. */
export const rowLimit = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, `limit must be a whole number from 1 to ${max}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `limit must be a whole number from 1 to ${max}`)
    .default(fallback)

/** from ≤ to, and not more than MAX_RANGE_DAYS days (a timeseries fills every one of them). */
export function checkRange(from: string | undefined, to: string | undefined): void {
  if (from === undefined || to === undefined) return
  if (from > to) throw apiError('invalid_range', `from (${from}) is after to (${to})`)
  if (daySpan(from, to) > MAX_RANGE_DAYS) {
    throw apiError('range_too_long', `Ask for at most ${MAX_RANGE_DAYS} days at once`)
  }
}

type StatsQuery = {
  site?: string
  opd?: string
  region?: string
  from?: string
  to?: string
  period?: Period
}

/** A `period` stands for its from/to (docs/contract.md §8); with either of them it is ambiguous. */
function withPeriod<Q extends StatsQuery>(q: Q): Q {
  if (q.period === undefined) return q
  if (q.from !== undefined || q.to !== undefined) {
    throw apiError('invalid_request', 'Give either period or from/to, not both')
  }
  return { ...q, from: q.period.from, to: q.period.to }
}

interface Checks<Q> {
  /** The operation takes `opd`: a named OPD must exist. */
  opd: boolean
  /** What only this operation asks of the query, before the scope. */
  check?: (q: Q) => void
}

/**
 * How every statistics request goes on once its query is valid (400), in this order: a period
 * becomes its days, the range is valid (400), then `check` for what only one operation asks,
 * then the token's scope narrows site and OPD (403), and a named site or OPD that does not
 * exist is 404, not «no data».
 */
export async function statsRequest<Q extends StatsQuery>(
  { db, token }: { db: Db; token: TokenScope },
  query: Q,
  { opd, check }: Checks<Q>,
) {
  const q = withPeriod(query)
  checkRange(q.from, q.to)
  check?.(q)
  const scope = scopedFilter(token, { site: q.site, opd: q.opd, region: q.region })
  // /sites takes no opd: an opd token's own OPD narrows its sums there but is not looked up.
  await requireSiteAndOpd(db, scope.site, opd ? scope.opd : undefined)
  // A provinsi token's region narrows every sum; a site it names must lie in its province too.
  let siteRegionCode: string | null | undefined
  if (token.role === 'provinsi' && scope.site !== undefined) {
    siteRegionCode = await siteRegion(db, scope.site)
    if (token.region === null || !isWithin(siteRegionCode, token.region)) {
      throw apiError('out_of_scope', `This token may read only sites of region ${token.region}`)
    }
  }
  const filter = { ...scope, from: q.from, to: q.to }
  // Period over period: the same filter over the range before (none for an open range).
  const previous = previousRange(q)
  const before = previous && { ...filter, from: previous.from, to: previous.to }
  return { q, filter, before, previous, siteRegion: siteRegionCode }
}

/** The previous range's counts by row key, for withChanges; null without a previous range. */
export async function countsBefore<Row extends Counts>(
  rows: Promise<Row[]> | null,
  keyOf: (row: Row) => string,
): Promise<Map<string, Counts> | null> {
  if (rows === null) return null
  return new Map((await rows).map((r) => [keyOf(r), countsOf(r)]))
}

/** The range as asked for, echoed beside the rows. */
export const asked = (q: StatsQuery) => ({
  from: q.from ?? null,
  to: q.to ?? null,
  ...(q.period !== undefined ? { period: q.period.id } : {}),
})

/** The range as asked for and the one its rows are compared with (null: none). */
export const askedAndPrevious = (q: StatsQuery, previous: PreviousRange | null) => ({
  ...asked(q),
  previous,
})
