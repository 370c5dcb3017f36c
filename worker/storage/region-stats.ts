import { eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { sites } from '../db/schema'
import type { RegionSums } from '../domain/regions/region-table'
import type { StatsFilter } from './stats'
import { dayRange, siteInRegion, SUMS } from '../db/sql'

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

/**
 * The same sums per province (in `filter.region`, a province code, if given), read from
 * `province_days`: 38 rows per day nationally instead of one per pemda. It holds, per day,
 * the sum of the site days of every site whose region lies in the province (triggers of
 * migration 0011), so the figures are those regionSums gives summed per province.
 */
export function provinceSums(db: Db, filter: StatsFilter): Promise<RegionSums[]> {
  const own = filter.region === undefined ? sql`1` : sql`p.province = ${filter.region}`
  return db.all<RegionSums>(sql`
    SELECT p.province AS region, p.sites AS sites, ${SUMS}
    FROM (SELECT substr(region, 1, 2) AS province, count(*) AS sites FROM sites
        WHERE region IS NOT NULL GROUP BY province) AS p
      LEFT JOIN province_days d ON d.province = p.province AND ${dayRange(filter)}
    WHERE ${own}
    GROUP BY p.province ORDER BY p.province`)
}

/** A site's region code; null when it has none (or the site does not exist). */
export async function siteRegion(db: Db, site: string): Promise<string | null> {
  const row = await db.select({ region: sites.region }).from(sites).where(eq(sites.id, site)).get()
  return row?.region ?? null
}
