import { sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { type CounterSums, dayRange, equalities, type StatsFilter, SUMS } from './stats-filter'

export type OpdSums = CounterSums & { site: string; opd: string; name: string | null }

/**
 * Per OPD, from the OPD-day roll-up: a few rows per OPD and day, whatever the number of
 * articles or responses. OPDs without any answer in the range are listed with zeros.
 */
export function opdSums(db: Db, filter: StatsFilter): Promise<OpdSums[]> {
  return db.all<OpdSums>(sql`
    SELECT o.site_id AS site, o.slug AS opd, o.name AS name, ${SUMS}
    FROM opds o LEFT JOIN opd_days d ON d.site_id = o.site_id AND d.opd = o.slug AND ${dayRange(filter)}
    WHERE ${equalities([[sql`o.site_id`, filter.site], [sql`o.slug`, filter.opd]])}
    GROUP BY o.site_id, o.slug ORDER BY o.site_id, o.slug`)
}
