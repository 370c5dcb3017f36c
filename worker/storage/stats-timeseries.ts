import { sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { type CounterSums, dayRange, equalities, type StatsFilter, SUMS } from './stats-filter'

export type DaySums = CounterSums & { day: string }

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
    WHERE ${equalities([[sql`d.site_id`, filter.site], [sql`d.opd`, filter.opd]])} AND ${dayRange(filter)}
    GROUP BY d.day ORDER BY d.day`)
}
