import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { RATINGS, type RatingValue, zeroCounts } from '../domain/rating-scale'
import { buildSummary, type Summary } from '../domain/summary'
import { counterColumns, type CounterSums, countsOf } from './stats'

export interface ArticleRef {
  siteId: string
  opd: string
  key: string
  title: string | null
}

/** The article's id as a sub-query, so every statement of a batch can find the row it made. */
export function articleId(ref: ArticleRef): SQL {
  return sql`(SELECT id FROM articles WHERE site_id = ${ref.siteId} AND key = ${ref.key})`
}

export function articleExists(ref: ArticleRef): SQL {
  return sql`EXISTS (SELECT 1 FROM articles WHERE site_id = ${ref.siteId} AND key = ${ref.key})`
}

/**
 * Creates the article on first sight, when `allowed` (the abuse bound on new article keys)
 * holds. Its OPD and title are the first ones given, so a later request cannot move an
 * article to another OPD or rename it; a title arrives late only where the first request
 * had none. Refused, the article is not made, its id stays NULL and no later statement of
 * the batch applies.
 */
export function ensureArticle(ref: ArticleRef, nowMs: number, allowed: SQL = sql`1`): SQL {
  return sql`
    INSERT INTO articles (site_id, opd, key, title, first_seen_at)
    SELECT ${ref.siteId}, ${ref.opd}, ${ref.key}, ${ref.title}, ${nowMs} WHERE ${allowed}
    ON CONFLICT (site_id, key) DO UPDATE SET title = coalesce(articles.title, excluded.title)
    WHERE articles.title IS NULL AND excluded.title IS NOT NULL`
}

export type CounterRow = CounterSums & { opd: string; yours: RatingValue | null }

/** One row: the article's counters and, for a reader, their current answer. */
export function summaryRowQuery(siteId: string, key: string, reader: string | null): SQL {
  return sql`
    SELECT a.opd, ${counterColumns('a')},
      (SELECT rating FROM responses r WHERE r.article_id = a.id AND r.reader = ${reader}) AS yours
    FROM articles a WHERE a.site_id = ${siteId} AND a.key = ${key}`
}

/** An article's summary as a reader sees it; zeros for an article nobody has answered. */
export async function readSummary(
  db: Db,
  siteId: string,
  article: string,
  reader: string | null,
  opd: string | null = null,
): Promise<Summary> {
  const [row] = await db.all<CounterRow>(summaryRowQuery(siteId, article, reader))
  return summaryFromRow(siteId, article, row, opd)
}

export function summaryFromRow(
  siteId: string,
  article: string,
  row: CounterRow | undefined,
  opd: string | null = null,
) {
  return buildSummary({
    site: siteId,
    opd: row?.opd ?? opd,
    article,
    counts: row ? countsOf(row) : zeroCounts(),
    views: row?.views ?? 0,
    yours: row?.yours ?? null,
  })
}

// The rating counters are columns named after the rating keys (docs/contract.md §1): their SQL is
// written from RATINGS here, once. Keys and values are constants, never input, which is what
// makes sql.raw safe.
const RATING_COUNTERS = RATINGS.map((r) => ({
  column: sql.raw(r.key),
  value: sql.raw(String(r.value)),
}))

/** `sangat_puas, puas, cukup_puas, tidak_puas`: the rating counter columns. */
export const RATING_COLUMNS = sql.raw(RATINGS.map((r) => r.key).join(', '))

/** `r = 4, r = 3, r = 2, r = 1`: the values of RATING_COLUMNS for one answer `r`. */
export function ratingOnes(r: unknown): SQL {
  return sql.join(
    RATING_COUNTERS.map(({ value }) => sql`${r} = ${value}`),
    sql`, `,
  )
}

/** `sangat_puas = sangat_puas + (r = 4), …`: one answer `r` added to (or taken off) the counters. */
export function moveRating(r: unknown, sign: '+' | '-'): SQL {
  const op = sql.raw(sign)
  return sql.join(
    RATING_COUNTERS.map(({ column, value }) => sql`${column} = ${column} ${op} (${r} = ${value})`),
    sql`, `,
  )
}

/** `coalesce(sum(rating = 4), 0) AS f_sangat_puas, …`: the answers of some responses counted. */
export const RATING_SUMS = sql.join(
  RATINGS.map((r) => sql.raw(`coalesce(sum(rating = ${r.value}), 0) AS f_${r.key}`)),
  sql`, `,
)

/** `sangat_puas = sangat_puas - f.f_sangat_puas, …`: RATING_SUMS taken off the counters. */
export const MINUS_RATING_SUMS = sql.raw(
  RATINGS.map((r) => `${r.key} = ${r.key} - f.f_${r.key}`).join(', '),
)

/**
 * Summaries of many articles of a site in the order asked, counts only (no `yours`); an
 * article nobody has seen yet reads as zeros. The keys travel as one JSON parameter: D1 binds
 * at most 100 parameters to a statement, and a listing page may ask for 100 keys.
 */
export async function readSummaries(db: Db, siteId: string, keys: string[]): Promise<Summary[]> {
  const rows = await db.all<CounterRow & { key: string }>(sql`
    SELECT a.key, a.opd, ${counterColumns('a')}, NULL AS yours
    FROM articles a
    WHERE a.site_id = ${siteId} AND a.key IN (SELECT value FROM json_each(${JSON.stringify(keys)}))`)
  const byKey = new Map(rows.map((row) => [row.key, row]))
  return keys.map((key) => summaryFromRow(siteId, key, byKey.get(key)))
}
