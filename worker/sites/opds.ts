import { and, count, eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { opds } from '../db/schema'
import { ApiError } from '../errors'

export const DEFAULT_MAX_OPDS_PER_SITE = 200

// OPDs are added on first use and never removed by the public API, so "known" never goes
// stale inside an isolate: the check costs a query only the first time a slug is seen.
const known = new Set<string>()

/** Adds an OPD slug to a site on first use, up to a cap (CONTRACT §5). */
export async function ensureOpd(db: Db, siteId: string, slug: string, cap: number): Promise<void> {
  const cacheKey = `${siteId}\u0000${slug}`
  if (known.has(cacheKey)) return
  const existing = await db
    .select({ slug: opds.slug })
    .from(opds)
    .where(and(eq(opds.siteId, siteId), eq(opds.slug, slug)))
    .get()
  if (!existing) {
    const [{ n }] = await db.select({ n: count() }).from(opds).where(eq(opds.siteId, siteId))
    if (n >= cap) {
      throw new ApiError(422, 'too_many_opds', `This site already has ${cap} OPDs; ask an admin to add more`)
    }
    await db.insert(opds).values({ siteId, slug, createdAt: Date.now() }).onConflictDoNothing()
  }
  if (known.size > 10_000) known.clear()
  known.add(cacheKey)
}

/**
 * An admin deleted or merged this slug away: without this, the slug's next use in this
 * isolate would skip adding it again and count under an OPD the site no longer lists.
 * Other isolates forget it only when their set is cleared.
 */
export function forgetOpd(siteId: string, slug: string): void {
  known.delete(`${siteId}\u0000${slug}`)
}
