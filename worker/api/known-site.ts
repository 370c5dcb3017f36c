import type { Db } from '../db/client'
import { apiError } from '../errors'
import { missingSiteOrOpd } from '../storage/stats'

/** 404 for a named site or OPD that does not exist, so a typo is not read as «no data». */
export async function requireSiteAndOpd(
  db: Db,
  site: string | undefined,
  opd: string | undefined,
): Promise<void> {
  const missing = await missingSiteOrOpd(db, site, opd)
  if (missing === 'site') throw apiError('unknown_site', `No site is called ${site}`)
  if (missing === 'opd') throw apiError('unknown_opd', `Site ${site} has no OPD ${opd}`)
}
