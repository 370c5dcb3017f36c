import type { Db } from '../db/client'
import { apiError } from '../errors'
import { siteExists } from './origins'

/**
 * The site a public request speaks for: its Origin's site; without an Origin (a server or
 * a script), the site it names. An Origin always wins, so a page cannot speak for a site
 * it is not registered with.
 */
export async function requestSite(
  db: Db,
  originSite: string | null,
  named: string | undefined,
): Promise<string> {
  if (originSite !== null) return originSite
  if (named === undefined) {
    throw apiError('site_required', 'Without an Origin header, name the site with a site field or parameter')
  }
  if (!(await siteExists(db, named))) throw apiError('unknown_site', `No site is called ${named}`)
  return named
}
