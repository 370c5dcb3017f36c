import { and, count, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { opds } from '../db/schema'
import { ApiError } from '../errors'

export const DEFAULT_MAX_OPDS_PER_SITE = 200

// Slugs this isolate has seen exist: the check costs a query only the first time a slug is
// seen. An admin removing an OPD must drop its entry here (one key per site and slug).
const known = new Set<string>()
const cacheKey = (siteId: string, slug: string) => `${siteId}\u0000${slug}`

/** A per-network bound on new slugs per day: the counter's key and the day, and its limit. */
export interface OpdGuard {
  key: string
  day: string
  limit: number
}

/**
 * Adds an OPD slug to a site on first use, up to a cap (CONTRACT §5) and, with a guard, up
 * to a few new slugs per network and day, so one address cannot fill the cap with junk.
 * Returns false when the guard refused the slug (nothing added).
 */
export async function ensureOpd(db: Db, siteId: string, slug: string, cap: number, guard: OpdGuard | null): Promise<boolean> {
  if (known.has(cacheKey(siteId, slug))) return true
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
    if (guard) {
      const row = await db.get<{ count: number }>(sql`INSERT INTO rate_counters (key, window, count)
        VALUES (${guard.key}, ${guard.day}, 1)
        ON CONFLICT (key, window) DO UPDATE SET count = count + 1 RETURNING count`)
      if (row.count > guard.limit) return false
    }
    await db.insert(opds).values({ siteId, slug, createdAt: Date.now() }).onConflictDoNothing()
  }
  if (known.size > 10_000) known.clear()
  known.add(cacheKey(siteId, slug))
  return true
}
