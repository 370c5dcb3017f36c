import { eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { sites } from '../db/schema'
import type { RegionSums } from '../domain/region-table'
import { dayRange, siteInRegion, type StatsFilter, SUMS } from './stats'

/**
 * Per region code that has a site (in `filter.region`, if given): how many sites and their
 * day roll-ups summed over the range. It reads `site_days` (one row per site and day, kept by
 * triggers on `opd_days`), not the OPD days: nationally 552 pemda × 90 days is 50,000 rows
 * where their OPDs' days would be two million (BENCHMARKS.md, national size). Each site's
 * range is one seek into the covering index `site_days_sums`, however long the history.
 */
export function regionSums(db: Db, filter: StatsFilter): Promise<RegionSums[]> {
  return db.all<RegionSums>(sql`
    SELECT s.region AS region, count(DISTINCT s.id) AS sites, ${SUMS}
    FROM sites s LEFT JOIN site_days d ON d.site_id = s.id AND ${dayRange(filter)}
    WHERE s.region IS NOT NULL AND ${siteInRegion(sql`s.id`, filter.region)}
    GROUP BY s.region ORDER BY s.region`)
}

/** A site's region code; null when it has none (or the site does not exist). */
export async function siteRegion(db: Db, site: string): Promise<string | null> {
  const row = await db.select({ region: sites.region }).from(sites).where(eq(sites.id, site)).get()
  return row?.region ?? null
}
