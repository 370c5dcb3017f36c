import { asc, eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { opds, siteOrigins, sites } from '../db/schema'
import { regionColumns } from '../domain/regions'

export interface SiteEntry {
  id: string
  name: string
  region: string | null
  region_name: string | null
  province: string | null
  origins: string[]
  opds: { slug: string; name: string | null }[]
}

/** Sites with their origins and OPDs (all, or one): what the dashboard and admins list. */
export async function siteDirectory(db: Db, only?: string): Promise<SiteEntry[]> {
  const [siteRows, originRows, opdRows] = await db.batch([
    only === undefined
      ? db.select().from(sites).orderBy(asc(sites.id))
      : db.select().from(sites).where(eq(sites.id, only)),
    only === undefined
      ? db.select().from(siteOrigins).orderBy(asc(siteOrigins.origin))
      : db.select().from(siteOrigins).where(eq(siteOrigins.siteId, only)).orderBy(asc(siteOrigins.origin)),
    only === undefined
      ? db.select().from(opds).orderBy(asc(opds.slug))
      : db.select().from(opds).where(eq(opds.siteId, only)).orderBy(asc(opds.slug)),
  ])
  return siteRows.map((s) => ({
    id: s.id,
    name: s.name,
    ...regionColumns(s.region),
    origins: originRows.filter((o) => o.siteId === s.id).map((o) => o.origin),
    opds: opdRows.filter((o) => o.siteId === s.id).map((o) => ({ slug: o.slug, name: o.name })),
  }))
}
