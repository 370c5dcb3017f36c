import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import type { ArticleSort } from '../domain/figures/article-ranking'
import { Z_95 } from '../domain/figures/ikm-interval'
import { RATINGS } from '../domain/figures/rating-scale'
import { type ArticleSums, articleScope, type StatsFilter } from './stats'

// GET /stats/articles a page at a time (issue 30): D1 ranks and cuts the page, so the Worker
// reads and shapes only `limit` rows whatever the number of articles in scope.
//
// The order is rankArticles' (domain/figures/article-ranking.ts), written as a sort key of
// five columns compared as one row value, ascending:
//   (unanswered last, primary, −total, article, site)
// `primary` for lowest/highest is the ranking bound as the integer hundredths the answer
// shows (rank_high, −rank_low), computed with the same IEEE operations in the same order as
// rankingBounds (ikm-interval.ts): `+ − × ÷` and sqrt are correctly rounded in both, the
// divisions are of reals (SQLite divides integers as integers, hence the CAST), z is a bound
// parameter rather than a literal SQLite would parse itself, and Math.round is floor plus
// «fraction ≥ ½», which is exact here. So SQL ties exactly where the JavaScript ranking tied,
// and the tie-breaks are the same (site last, where rankArticles left equal article keys of
// two sites in the order D1 happened to read them). sqrt is one of SQLite's math functions,
// which D1 is built with (the worker tests run on workerd's D1 and exercise it).

/** Where a page starts: the sort key of the row before it (the previous page's last). */
export type SortKey = [
  unanswered: number,
  primary: number,
  total: number,
  article: string,
  site: string,
]

export type RankedArticle = ArticleSums & { key: SortKey }

/** `x` on the IKM scale, clipped to 25–100, as integer hundredths the way round2 rounds it. */
const hundredths = (x: SQL) => {
  const y = sql`(min(100.0, max(25.0, ${x})) * 100)`
  return sql`(CAST(${y} AS INTEGER) + (${y} - CAST(${y} AS INTEGER) >= 0.5))`
}

/** The rating bounds' columns m (mean) and m2 (second moment) with one pseudo-answer each. */
const moments = (column: 'm' | 'm2') =>
  sql.raw(
    RATINGS.map((r) => {
      const v = column === 'm' ? r.value : r.value * r.value
      return `${v} * (CAST(${r.key} + 1 AS REAL) / (total + ${RATINGS.length}))`
    }).join(' + '),
  )

function primaryKey(sort: ArticleSort): SQL {
  const spread = sql`(${Z_95} * sqrt((m2 - m * m) / (total + ${RATINGS.length + 1})))`
  if (sort === 'lowest') return hundredths(sql`25 * (m + ${spread})`)
  if (sort === 'highest') return sql`-${hundredths(sql`25 * (m - ${spread})`)}`
  return sort === 'responses' ? sql`-total` : sql`-views`
}

const KEY = sql`(u, k, t, article, site)`

function ranked(filter: StatsFilter, sort: ArticleSort): SQL {
  const unanswered = sort === 'lowest' || sort === 'highest' ? sql`(total = 0)` : sql`0`
  return sql`
    WITH scope AS (${articleScope(filter)}),
    totals AS (SELECT *, sangat_puas + puas + cukup_puas + tidak_puas AS total FROM scope),
    bounds AS (SELECT *, ${moments('m')} AS m, ${moments('m2')} AS m2 FROM totals)
    SELECT *, ${unanswered} AS u, ${primaryKey(sort)} AS k, -total AS t FROM bounds`
}

/** One page of the ranking: up to `limit` rows after `after` (from the top without it). */
export async function articlePage(
  db: Db,
  filter: StatsFilter,
  sort: ArticleSort,
  after: SortKey | null,
  limit: number,
): Promise<{ rows: RankedArticle[]; more: boolean }> {
  const start =
    after === null
      ? sql`1`
      : sql`${KEY} > (${sql.join(
          after.map((v) => sql`${v}`),
          sql`, `,
        )})`
  // MATERIALIZED: each article's key is computed once, not again for the cursor's comparison
  // (SQLite would otherwise inline the expression into WHERE and ORDER BY alike).
  const found = await db.all<ArticleSums & { u: number; k: number; t: number }>(sql`
    WITH ranked AS MATERIALIZED (${ranked(filter, sort)})
    SELECT * FROM ranked WHERE ${start}
    ORDER BY u, k, t, article, site LIMIT ${limit + 1}`)
  const rows = found.slice(0, limit).map(({ u, k, t, ...r }) => ({
    ...r,
    key: [u, k, t, r.article, r.site] as SortKey,
  }))
  return { rows, more: found.length > limit }
}

/** How many articles the ranking holds in all (the answer's `matched`). */
export async function articleCount(db: Db, filter: StatsFilter): Promise<number> {
  const [row] = await db.all<{ n: number }>(
    sql`SELECT count(*) AS n FROM (${articleScope(filter)})`,
  )
  return row.n
}

/** The page's articles over another range (the previous one), by id. */
export function articleSumsOf(db: Db, filter: StatsFilter, ids: number[]): Promise<ArticleSums[]> {
  return db.all<ArticleSums>(articleScope(filter, ids))
}
