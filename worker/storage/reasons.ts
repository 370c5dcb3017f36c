import { sql, type SQL } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import { type ReasonCounts, reasonCounts, type ReasonKey } from '../domain/comments/reasons'
import { reasonReaderHash } from '../domain/comments/reason-reader-hash'
import type { StatsFilter } from './stats'
import { dayRange, equalities, siteInRegion } from '../db/sql'

// The «Apa yang kurang?» reasons (docs/contract.md §9): a reader's current set per article, and the
// day roll-up that statistics read. The two move in one batch, so the roll-up always equals
// the stored sets: a new set takes every key of the old one off the day it was counted on,
// then counts its own keys on today.

export interface ReasonSet {
  siteId: string
  /** The OPD the widget names; the article's own OPD wins when D1 already has the article. */
  opd: string
  article: string
  reader: string
  reasons: readonly ReasonKey[]
  day: string
}

/** Replaces the reader's set on the article (an empty set withdraws it). */
export async function replaceReasons(db: Db, s: ReasonSet): Promise<void> {
  const reader = await reasonReaderHash(s.siteId, s.article, s.reader)
  const mine = sql`site_id = ${s.siteId} AND article = ${s.article} AND reader_hash = ${reader}`
  const opd = sql`coalesce((SELECT opd FROM articles WHERE site_id = ${s.siteId}
    AND key = ${s.article}), ${s.opd})`
  const statements: SQL[] = [
    sql`UPDATE reason_days SET count = count - 1
      WHERE site_id = ${s.siteId} AND article = ${s.article}
        AND (day, reason) IN (SELECT day, reason FROM reasons WHERE ${mine})`,
    sql`DELETE FROM reasons WHERE ${mine}`,
  ]
  if (s.reasons.length > 0) {
    const rows = (make: (key: ReasonKey) => SQL) => sql.join(s.reasons.map(make), sql`, `)
    statements.push(
      sql`INSERT INTO reasons (site_id, article, reader_hash, reason, opd, day) VALUES ${rows(
        (k) => sql`(${s.siteId}, ${s.article}, ${reader}, ${k}, ${opd}, ${s.day})`,
      )}`,
      sql`INSERT INTO reason_days (site_id, opd, article, day, reason, count) VALUES ${rows(
        (k) => sql`(${s.siteId}, ${opd}, ${s.article}, ${s.day}, ${k}, 1)`,
      )} ON CONFLICT (site_id, article, day, reason) DO UPDATE SET count = count + 1`,
    )
  }
  await batch(db, statements)
}

interface ArticleOfSite {
  site: string
  article: string
}

/** What a roll-up is summed by: one map entry per site, OPD, article or day. */
export type ReasonGrouping = 'site' | 'opd' | 'article' | 'day' | 'region'

const GROUP_COLUMNS: Record<ReasonGrouping, SQL> = {
  site: sql`d.site_id`,
  opd: sql`d.site_id || ' ' || d.opd`,
  article: sql`d.site_id || ' ' || d.article`,
  day: sql`d.day`,
  // A site's region code (null for a site without one).
  region: sql`(SELECT region FROM sites WHERE id = d.site_id)`,
}

/** The key a statistics row is found by in reasonsBy's map (slugs and days hold no space). */
export function reasonKeyOf(...parts: string[]): string {
  return parts.join(' ')
}

/**
 * The reason counts of the filter's rows, summed per site, OPD (`site opd`), article
 * (`site article`), day or the sites' region code; a group without any reason is absent (use
 * reasonsOf). `articles` narrows it to those articles (a page of them).
 */
export async function reasonsBy(
  db: Db,
  filter: StatsFilter & { article?: string; articles?: readonly ArticleOfSite[] },
  by: ReasonGrouping,
): Promise<Map<string, ReasonCounts>> {
  // A page of articles (GET /stats/articles) as one JSON parameter: D1 binds at most 100.
  const pairs = filter.articles && JSON.stringify(filter.articles.map((a) => [a.site, a.article]))
  const rows = await db.all<{ k: string | null; reason: string; count: number }>(sql`
    SELECT ${GROUP_COLUMNS[by]} AS k, d.reason, sum(d.count) AS count FROM reason_days d
    WHERE ${equalities([
      [sql`d.site_id`, filter.site],
      [sql`d.opd`, filter.opd],
      [sql`d.article`, filter.article],
    ])}
      AND ${
        pairs === undefined
          ? sql`1`
          : sql`(d.site_id, d.article) IN (SELECT json_extract(value, '$[0]'),
              json_extract(value, '$[1]') FROM json_each(${pairs}))`
      }
      AND ${siteInRegion(sql`d.site_id`, filter.region)} AND ${dayRange(filter)} AND d.count > 0
    GROUP BY k, d.reason`)
  const grouped = new Map<string, { reason: string; count: number }[]>()
  for (const r of rows) {
    if (r.k !== null) grouped.set(r.k, [...(grouped.get(r.k) ?? []), r])
  }
  return new Map([...grouped].map(([k, list]) => [k, reasonCounts(list)]))
}

/** A group's counts from reasonsBy's map, zeros when it has none. */
export function reasonsOf(map: Map<string, ReasonCounts>, key: string): ReasonCounts {
  return map.get(key) ?? reasonCounts([])
}
