import { and, eq, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { articles, opds, sites } from '../db/schema'
import {
  activity,
  counterColumns,
  type CounterSums,
  countsOf,
  dayRange,
  equalities,
  SUMS,
  siteInRegion,
} from '../db/sql'
import { rankingBounds } from '../domain/figures/ikm-interval'
import type { OpdCategory } from '../domain/regions/opd-categories'
import { statFigures } from '../domain/figures/stat-figures'

// Every statistics query and its row types (the SQL fragments they share with other storage
// files are in db/sql.ts). All of them read the counters (articles) and the
// day roll-ups (article_days, opd_days), never raw responses, so a query costs a few rows per
// day and OPD whatever the traffic.

/** Which rows a statistics query reads: optional site/OPD/region and inclusive Jakarta days. */
export interface StatsFilter {
  site?: string
  opd?: string
  /** Only sites whose region is this one or lies in it (a province's kabupaten/kota). */
  region?: string
  from?: string
  to?: string
}

export type SiteSums = CounterSums & { site: string; name: string; region: string | null }
export type OpdSums = CounterSums & {
  site: string
  opd: string
  name: string | null
  /** As filed (only keys of the national list are ever stored: routes validate them). */
  category: OpdCategory
  /** The site's region code, so OPDs of many sites can be told apart by pemda. */
  region: string | null
}
export type ArticleSums = CounterSums & {
  id: number
  site: string
  opd: string
  article: string
  title: string | null
}
export type DaySums = CounterSums & { day: string }

/**
 * Per site, from the site-day roll-up, or with an OPD filter from the OPD-day one narrowed to
 * that OPD (site_days is the sum of a site's OPD days, so both give the same figures).
 */
export function siteSums(db: Db, filter: StatsFilter): Promise<SiteSums[]> {
  const days =
    filter.opd === undefined
      ? sql`site_days d ON d.site_id = s.id AND ${dayRange(filter)}`
      : sql`opd_days d ON d.site_id = s.id AND ${dayRange(filter)} AND d.opd = ${filter.opd}`
  return db.all<SiteSums>(sql`
    SELECT s.id AS site, s.name AS name, s.region AS region, ${SUMS}
    FROM sites s LEFT JOIN ${days}
    WHERE ${equalities([[sql`s.id`, filter.site]])} AND ${siteInRegion(sql`s.id`, filter.region)}
    GROUP BY s.id ORDER BY s.id`)
}

/**
 * Per OPD, from the OPD-day roll-up: a few rows per OPD and day, whatever the number of
 * articles or responses. OPDs without any answer in the range are listed with zeros. With a
 * category, only the OPDs filed under it (docs/contract.md §13).
 */
export function opdSums(db: Db, filter: StatsFilter, category?: string): Promise<OpdSums[]> {
  return db.all<OpdSums>(sql`
    SELECT o.site_id AS site, o.slug AS opd, o.name AS name, o.category AS category,
      s.region AS region, ${SUMS}
    FROM opds o JOIN sites s ON s.id = o.site_id
      LEFT JOIN opd_days d ON d.site_id = o.site_id AND d.opd = o.slug AND ${dayRange(filter)}
    WHERE ${equalities([
      [sql`o.site_id`, filter.site],
      [sql`o.slug`, filter.opd],
      [sql`o.category`, category],
    ])}
      AND ${siteInRegion(sql`o.site_id`, filter.region)}
    GROUP BY o.site_id, o.slug ORDER BY o.site_id, o.slug`)
}

/** An article's statistics row: its figures and the ranking bounds a few answers cannot dominate. */
export function articleRow(r: ArticleSums) {
  const counts = countsOf(r)
  const bounds = rankingBounds(counts)
  return {
    site: r.site,
    opd: r.opd,
    article: r.article,
    title: r.title,
    ...statFigures(counts, r.views),
    rank_low: bounds.low,
    rank_high: bounds.high,
  }
}

/**
 * Per article with any response or view: without a date range straight from the article's
 * live counters (one row each), with one from its day roll-up.
 */
export function articleSums(db: Db, filter: StatsFilter): Promise<ArticleSums[]> {
  return db.all<ArticleSums>(articleScope(filter))
}

/**
 * The query of articleSums, for queries that rank or page it (storage/article-ranking.ts);
 * `ids` narrows it to those articles (a page's, read again over the previous range).
 */
export function articleScope(filter: StatsFilter, ids?: readonly number[]): SQL {
  const where = and(
    equalities([
      [sql`a.site_id`, filter.site],
      [sql`a.opd`, filter.opd],
    ]),
    siteInRegion(sql`a.site_id`, filter.region),
    // One JSON parameter however many ids: D1 binds at most 100 parameters per statement.
    ids && sql`a.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  )!
  if (filter.from === undefined && filter.to === undefined) {
    return sql`
      SELECT a.id, a.site_id AS site, a.opd, a.key AS article, a.title, ${counterColumns('a')}
      FROM articles a
      WHERE ${where} AND ${activity('a')} > 0`
  }
  return sql`
    SELECT a.id, a.site_id AS site, a.opd, a.key AS article, a.title, ${SUMS}
    FROM articles a JOIN article_days d ON d.article_id = a.id
    WHERE ${where} AND ${dayRange(filter)}
    GROUP BY a.id
    HAVING sum(${activity('d')}) > 0`
}

/** Per day of one article, from its day roll-up. */
export function articleDaySums(db: Db, articleId: number, filter: StatsFilter): Promise<DaySums[]> {
  return db.all<DaySums>(sql`
    SELECT d.day, ${SUMS} FROM article_days d
    WHERE d.article_id = ${articleId} AND ${dayRange(filter)}
    GROUP BY d.day ORDER BY d.day`)
}

/** Per day of a site, an OPD or everything, from the OPD-day roll-up. */
export function opdDaySums(db: Db, filter: StatsFilter): Promise<DaySums[]> {
  return db.all<DaySums>(sql`
    SELECT d.day, ${SUMS} FROM opd_days d
    WHERE ${equalities([
      [sql`d.site_id`, filter.site],
      [sql`d.opd`, filter.opd],
    ])}
      AND ${siteInRegion(sql`d.site_id`, filter.region)} AND ${dayRange(filter)}
    GROUP BY d.day ORDER BY d.day`)
}

/** Which of a named site and OPD does not exist (the site first), or null when both do. */
export async function missingSiteOrOpd(
  db: Db,
  site: string | undefined,
  opd: string | undefined,
): Promise<'site' | 'opd' | null> {
  if (site === undefined) return null
  const found = await db.select({ id: sites.id }).from(sites).where(eq(sites.id, site)).get()
  if (!found) return 'site'
  if (opd === undefined) return null
  const slug = await db
    .select({ slug: opds.slug })
    .from(opds)
    .where(and(eq(opds.siteId, site), eq(opds.slug, opd)))
    .get()
  return slug ? null : 'opd'
}

export async function articleByKey(db: Db, site: string, key: string) {
  const row = await db
    .select({ id: articles.id, opd: articles.opd, title: articles.title })
    .from(articles)
    .where(and(eq(articles.siteId, site), eq(articles.key, key)))
    .get()
  return row ?? null
}
