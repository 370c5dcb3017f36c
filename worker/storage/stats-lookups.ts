import { and, eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { articles, opds, sites } from '../db/schema'
import { ApiError } from '../errors'

/** 404 for a named site or OPD that does not exist, so a typo is not read as «no data». */
export async function assertSiteAndOpd(db: Db, site: string | undefined, opd: string | undefined) {
  if (site !== undefined) {
    const found = await db.select({ id: sites.id }).from(sites).where(eq(sites.id, site)).get()
    if (!found) throw new ApiError(404, 'unknown_site', `No site is called ${site}`)
  }
  if (site !== undefined && opd !== undefined) {
    const found = await db
      .select({ slug: opds.slug })
      .from(opds)
      .where(and(eq(opds.siteId, site), eq(opds.slug, opd)))
      .get()
    if (!found) throw new ApiError(404, 'unknown_opd', `Site ${site} has no OPD ${opd}`)
  }
}

export async function articleByKey(db: Db, site: string, key: string) {
  const row = await db
    .select({ id: articles.id, opd: articles.opd, title: articles.title })
    .from(articles)
    .where(and(eq(articles.siteId, site), eq(articles.key, key)))
    .get()
  return row ?? null
}
