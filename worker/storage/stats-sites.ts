import { sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { type CounterSums, dayRange, equalities, type StatsFilter, SUMS } from './stats-filter'

export type SiteSums = CounterSums & { site: string; name: string }

/** Per site, from the OPD-day roll-up (an OPD filter narrows the sums to that OPD). */
export function siteSums(db: Db, filter: StatsFilter): Promise<SiteSums[]> {
  return db.all<SiteSums>(sql`
    SELECT s.id AS site, s.name AS name, ${SUMS}
    FROM sites s LEFT JOIN opd_days d ON d.site_id = s.id AND ${dayRange(filter)}
      AND ${equalities([[sql`d.opd`, filter.opd]])}
    WHERE ${equalities([[sql`s.id`, filter.site]])}
    GROUP BY s.id ORDER BY s.id`)
}
