import { and, eq, inArray, ne } from 'drizzle-orm'
import type { Db } from '../db/client'
import { opds, siteOrigins, sites } from '../db/schema'
import { ApiError } from '../errors'

/** 409 when another site has registered one of these origins (an origin names one site). */
export async function assertOriginsFree(db: Db, site: string, list: string[]): Promise<void> {
  if (list.length === 0) return
  const taken = await db
    .select({ origin: siteOrigins.origin, site: siteOrigins.siteId })
    .from(siteOrigins)
    .where(and(inArray(siteOrigins.origin, list), ne(siteOrigins.siteId, site)))
    .get()
  if (taken) throw new ApiError(409, 'origin_taken', `${taken.origin} is already registered for site ${taken.site}`)
}

async function assertSiteFree(db: Db, id: string): Promise<void> {
  const existing = await db.select({ id: sites.id }).from(sites).where(eq(sites.id, id)).get()
  if (existing) throw new ApiError(409, 'site_exists', `A site called ${id} already exists`)
}

function isUniqueViolation(error: unknown): boolean {
  // drizzle wraps D1's error; the constraint is named in the innermost message.
  for (let e = error; e instanceof Error; e = e.cause) if (e.message.includes('UNIQUE constraint failed')) return true
  return false
}

/**
 * The checks above run before the write, so a concurrent request can win in between; its
 * write then fails on the unique key. The checks are run again to answer that request's
 * 409 like a later one's, instead of a 500.
 */
async function conflictsAs409(error: unknown, recheck: () => Promise<void>): Promise<never> {
  if (isUniqueViolation(error)) await recheck()
  throw error
}

export async function createSite(
  db: Db,
  site: { id: string; name: string; origins: string[]; region: string | null },
  nowMs: number,
) {
  const checks = async () => {
    await assertSiteFree(db, site.id)
    await assertOriginsFree(db, site.id, site.origins)
  }
  await checks()
  const siteRow = db.insert(sites).values({ id: site.id, name: site.name, createdAt: nowMs, region: site.region })
  const originRows = site.origins.map((origin) => ({ origin, siteId: site.id }))
  try {
    if (originRows.length === 0) await siteRow
    else await db.batch([siteRow, db.insert(siteOrigins).values(originRows)])
  } catch (error) {
    await conflictsAs409(error, checks)
  }
}

/** Renames a site, sets its region and/or replaces its origins, in one transaction. */
export async function updateSite(
  db: Db,
  id: string,
  change: { name?: string; origins?: string[]; region?: string | null },
) {
  if (change.origins !== undefined) await assertOriginsFree(db, id, change.origins)
  const statements = []
  if (change.name !== undefined || change.region !== undefined) {
    statements.push(db.update(sites).set({ name: change.name, region: change.region }).where(eq(sites.id, id)))
  }
  if (change.origins !== undefined) {
    statements.push(db.delete(siteOrigins).where(eq(siteOrigins.siteId, id)))
    if (change.origins.length > 0) {
      statements.push(db.insert(siteOrigins).values(change.origins.map((origin) => ({ origin, siteId: id }))))
    }
  }
  if (statements.length === 0) return
  try {
    await db.batch(statements as [(typeof statements)[number], ...typeof statements])
  } catch (error) {
    await conflictsAs409(error, () => assertOriginsFree(db, id, change.origins ?? []))
  }
}

/** Adds an OPD to a site, or renames it (admins are not held to the first-use cap). */
export async function upsertOpd(db: Db, site: string, slug: string, name: string, nowMs: number) {
  await db
    .insert(opds)
    .values({ siteId: site, slug, name, createdAt: nowMs })
    .onConflictDoUpdate({ target: [opds.siteId, opds.slug], set: { name } })
}
