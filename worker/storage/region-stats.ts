import { eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { sites } from '../db/schema'
import type { RegionSums } from '../domain/region-table'
import { isWithin } from '../domain/regions'
import { ApiError } from '../errors'
import { dayRange, siteInRegion, type StatsFilter, SUMS } from './stats'

/**
 * Per region code that has a site (in `filter.region`, if given): how many sites and their
 * OPD-day roll-ups summed over the range. One grouped read of the roll-up, never responses.
 */
export function regionSums(db: Db, filter: StatsFilter): Promise<RegionSums[]> {
  return db.all<RegionSums>(sql`
    SELECT s.region AS region, count(DISTINCT s.id) AS sites, ${SUMS}
    FROM sites s LEFT JOIN opd_days d ON d.site_id = s.id AND ${dayRange(filter)}
    WHERE s.region IS NOT NULL AND ${siteInRegion(sql`s.id`, filter.region)}
    GROUP BY s.region ORDER BY s.region`)
}

/** 403 when a site (that exists) is not in `region`: a provinsi token naming another's site. */
export async function assertSiteInRegion(db: Db, site: string, region: string | null): Promise<string | null> {
  const row = await db.select({ region: sites.region }).from(sites).where(eq(sites.id, site)).get()
  const code = row?.region ?? null
  if (region === null || !isWithin(code, region)) {
    throw new ApiError(403, 'out_of_scope', `This token may read only sites of region ${region}`)
  }
  return code
}
