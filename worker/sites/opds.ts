import { and, count, eq, sql } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import { opds } from '../db/schema'
import { apiError } from '../errors'

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
export async function ensureOpd(
  db: Db,
  siteId: string,
  slug: string,
  cap: number,
  guard: OpdGuard | null,
): Promise<boolean> {
  if (known.has(cacheKey(siteId, slug))) return true
  const existing = await db
    .select({ slug: opds.slug })
    .from(opds)
    .where(and(eq(opds.siteId, siteId), eq(opds.slug, slug)))
    .get()
  if (!existing) {
    const [{ n }] = await db.select({ n: count() }).from(opds).where(eq(opds.siteId, siteId))
    if (n >= cap) {
      throw apiError('too_many_opds',
        `This site already has ${cap} OPDs; ask an admin to add more`,
      )
    }
    if (guard) {
      if (!(await addWithinBound(db, siteId, slug, guard))) return false
    } else {
      await db.insert(opds).values({ siteId, slug, createdAt: Date.now() }).onConflictDoNothing()
    }
  }
  if (known.size > 10_000) known.clear()
  known.add(cacheKey(siteId, slug))
  return true
}

/**
 * Adds the slug while the network is within its bound, and counts it only when this request
 * made the row: readers of a new OPD's first page arriving at once (one office, one carrier
 * address) are not refused for each other's first use. One batch, so the count is exact.
 */
async function addWithinBound(
  db: Db,
  siteId: string,
  slug: string,
  guard: OpdGuard,
): Promise<boolean> {
  const made = await batch<{ present: number }>(db, [
    sql`INSERT INTO opds (site_id, slug, created_at)
      SELECT ${siteId}, ${slug}, ${Date.now()}
      WHERE coalesce((SELECT count FROM rate_counters WHERE key = ${guard.key} AND window = ${guard.day}), 0) < ${guard.limit}
      ON CONFLICT DO NOTHING`,
    // changes() is the INSERT just before it, in the same transaction.
    sql`INSERT INTO rate_counters (key, window, count) SELECT ${guard.key}, ${guard.day}, 1 WHERE changes() = 1
      ON CONFLICT (key, window) DO UPDATE SET count = count + 1`,
    sql`SELECT EXISTS (SELECT 1 FROM opds WHERE site_id = ${siteId} AND slug = ${slug}) AS present`,
  ])
  return made[2].results[0].present === 1
}

/**
 * An admin deleted or merged this slug away: without this, the slug's next use in this
 * isolate would skip adding it again and count under an OPD the site no longer lists.
 * Other isolates forget it only when their set is cleared.
 */
export function forgetOpd(siteId: string, slug: string): void {
  known.delete(`${siteId}\u0000${slug}`)
}
