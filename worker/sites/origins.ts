import { eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { siteOrigins, sites } from '../db/schema'

// Every widget request resolves its Origin; a short per-isolate cache keeps that lookup off
// the hot path. Admin changes in this isolate clear it; other isolates see them within a TTL.
const TTL_MS = 60_000
const cache = new Map<string, { siteId: string | null; at: number }>()

export async function siteForOrigin(db: Db, origin: string): Promise<string | null> {
  const hit = cache.get(origin)
  if (hit && Date.now() - hit.at < TTL_MS) return hit.siteId
  const row = await db
    .select({ siteId: siteOrigins.siteId })
    .from(siteOrigins)
    .where(eq(siteOrigins.origin, origin))
    .get()
  const siteId = row?.siteId ?? null
  if (cache.size > 10_000) cache.clear()
  cache.set(origin, { siteId, at: Date.now() })
  return siteId
}

export async function siteExists(db: Db, siteId: string): Promise<boolean> {
  const row = await db.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId)).get()
  return row !== undefined
}

export function forgetOrigins(): void {
  cache.clear()
}
