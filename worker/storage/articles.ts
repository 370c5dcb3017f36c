import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { type RatingValue, zeroCounts } from '../domain/figures/rating-scale'
import { buildSummary, type Summary } from '../domain/figures/summary'
import { counterColumns, type CounterSums, countsOf } from '../db/sql'

export interface ArticleRef {
  siteId: string
  opd: string
  key: string
  title: string | null
}

export type CounterRow = CounterSums & { opd: string; yours: RatingValue | null }

/** One row: the article's counters and, for a reader, their current answer. */
function summaryRowQuery(siteId: string, key: string, reader: string | null): SQL {
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

/** The title the article's row holds (the first a widget sent), or null (none, or no row yet). */
export async function articleTitle(db: Db, siteId: string, key: string): Promise<string | null> {
  const row = await db.get<{ title: string | null } | undefined>(sql`
    SELECT title FROM articles WHERE site_id = ${siteId} AND key = ${key}`)
  return row?.title ?? null
}
