import { sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { type CounterSums, dayRange, equalities, type StatsFilter, SUMS } from './stats-filter'

export type ArticleSums = CounterSums & { site: string; opd: string; article: string; title: string | null }

/**
 * Per article with any response or view: without a date range straight from the article's
 * live counters (one row each), with one from its day roll-up. Never from raw responses.
 */
export function articleSums(db: Db, filter: StatsFilter): Promise<ArticleSums[]> {
  const where = equalities([[sql`a.site_id`, filter.site], [sql`a.opd`, filter.opd]])
  if (filter.from === undefined && filter.to === undefined) {
    return db.all<ArticleSums>(sql`
      SELECT a.site_id AS site, a.opd, a.key AS article, a.title,
        a.sangat_puas, a.puas, a.cukup_puas, a.tidak_puas, a.views
      FROM articles a
      WHERE ${where} AND a.sangat_puas + a.puas + a.cukup_puas + a.tidak_puas + a.views > 0`)
  }
  return db.all<ArticleSums>(sql`
    SELECT a.site_id AS site, a.opd, a.key AS article, a.title, ${SUMS}
    FROM articles a JOIN article_days d ON d.article_id = a.id
    WHERE ${where} AND ${dayRange(filter)}
    GROUP BY a.id
    HAVING sum(d.sangat_puas + d.puas + d.cukup_puas + d.tidak_puas + d.views) > 0`)
}
