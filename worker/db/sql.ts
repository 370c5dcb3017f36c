import { and, type SQL, sql } from 'drizzle-orm'
import { type Counts, RATING_KEYS } from '../domain/figures/rating-scale'

// The SQL fragments the storage queries share (statistics, regions, reasons, comments, embed
// health, publications, article counters): the counter columns, the day range of a roll-up
// alias `d`, and the site/OPD/region narrowing.

/** A counters row: the four rating counts and the views (articles, article_days, opd_days). */
export type CounterSums = Counts & { views: number }

export type Counter = keyof CounterSums
// The counter columns are named after the rating keys (docs/contract.md §1), so their SQL is written
// from RATINGS here rather than spelled out per query or per table (D1's, and the article
// objects' own). The names are constants, never input, which is what makes sql.raw safe.
/** Every counter column, in the order the tables declare them. */
export const COUNTERS: readonly Counter[] = [...RATING_KEYS, 'views']

/** `a.sangat_puas, …, a.views`: a table's counters as they are. */
export function counterColumns(alias: string): SQL {
  return sql.raw(COUNTERS.map((k) => `${alias}.${k}`).join(', '))
}

/** `a.sangat_puas + … + a.views`: above 0 when a row has any answer or view. */
export function activity(alias: string): SQL {
  return sql.raw(COUNTERS.map((k) => `${alias}.${k}`).join(' + '))
}

/** `coalesce(sum(d.sangat_puas), 0) AS sangat_puas, …`: a roll-up's counters summed. */
export const SUMS = sql.raw(COUNTERS.map((k) => `coalesce(sum(d.${k}), 0) AS ${k}`).join(', '))

/** The four rating counts of a counters row (without its views or other columns). */
export function countsOf(row: Counts): Counts {
  return {
    sangat_puas: row.sangat_puas,
    puas: row.puas,
    cukup_puas: row.cukup_puas,
    tidak_puas: row.tidak_puas,
  }
}

/** `d.day` within the inclusive range; day labels compare as text, so BETWEEN is exact. */
export function dayRange(range: { from?: string; to?: string }): SQL {
  return sql`d.day BETWEEN ${range.from ?? '0000-01-01'} AND ${range.to ?? '9999-12-31'}`
}

/** `column = value` for each given value, ANDed; `1` when none is given. */
export function equalities(pairs: [SQL, string | undefined][]): SQL {
  const parts = pairs.filter(([, v]) => v !== undefined).map(([column, v]) => sql`${column} = ${v}`)
  return parts.length ? and(...parts)! : sql`1`
}

/**
 * `column` names a site in the region or inside it; `1` without a region. Codes are from the
 * official list (validated), so `35.%` can only match kabupaten/kota of province 35.
 */
export function siteInRegion(column: SQL, region: string | undefined): SQL {
  if (region === undefined) return sql`1`
  return sql`${column} IN (SELECT id FROM sites WHERE region = ${region} OR region LIKE ${`${region}.%`})`
}
