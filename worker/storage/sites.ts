import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import { opds, siteOrigins, sites } from '../db/schema'
import { type OpdCategory, suggestCategory } from '../domain/regions/opd-categories'
import { decidingRule, mayBeRegistered, wildcardsFor } from '../domain/embedding/origins'
import { regionColumns } from '../domain/regions/regions'
import { type AuditEntry, batchWithAudit } from './audit'

export interface SiteEntry {
  id: string
  name: string
  region: string | null
  region_name: string | null
  province: string | null
  origins: string[]
  opds: OpdEntry[]
}

/** An OPD as every answer that lists OPDs shows it (docs/contract.md §13: with its category). */
export interface OpdEntry {
  slug: string
  name: string | null
  category: OpdCategory
}

/** Sites with their origins and OPDs (all, or one): what the dashboard and admins list. */
export async function siteDirectory(db: Db, only?: string): Promise<SiteEntry[]> {
  const [siteRows, originRows, opdRows] = await db.batch([
    only === undefined
      ? db.select().from(sites).orderBy(asc(sites.id))
      : db.select().from(sites).where(eq(sites.id, only)),
    only === undefined
      ? db.select().from(siteOrigins).orderBy(asc(siteOrigins.origin))
      : db
          .select()
          .from(siteOrigins)
          .where(eq(siteOrigins.siteId, only))
          .orderBy(asc(siteOrigins.origin)),
    only === undefined
      ? db.select().from(opds).orderBy(asc(opds.slug))
      : db.select().from(opds).where(eq(opds.siteId, only)).orderBy(asc(opds.slug)),
  ])
  return siteRows.map((s) => ({
    id: s.id,
    name: s.name,
    ...regionColumns(s.region),
    origins: originRows.filter((o) => o.siteId === s.id).map((o) => o.origin),
    opds: opdRows
      .filter((o) => o.siteId === s.id)
      .map((o) => ({ slug: o.slug, name: o.name, category: o.category })),
  }))
}

/** Why a site could not be made or changed: its id, or one of its origins, is taken. */
export type SiteConflict =
  | { code: 'site_exists'; site: string }
  | { code: 'origin_taken'; origin: string; site: string }

/** Another site that has registered one of these origins (an origin names one site). */
async function originConflict(db: Db, site: string, list: string[]): Promise<SiteConflict | null> {
  if (list.length === 0) return null
  const taken = await db
    .select({ origin: siteOrigins.origin, site: siteOrigins.siteId })
    .from(siteOrigins)
    .where(and(inArray(siteOrigins.origin, list), ne(siteOrigins.siteId, site)))
    .get()
  return taken ? { code: 'origin_taken', ...taken } : null
}

async function siteConflict(db: Db, id: string): Promise<SiteConflict | null> {
  const existing = await db.select({ id: sites.id }).from(sites).where(eq(sites.id, id)).get()
  return existing ? { code: 'site_exists', site: id } : null
}

function isUniqueViolation(error: unknown): boolean {
  // drizzle wraps D1's error; the constraint is named in the innermost message.
  for (let e = error; e instanceof Error; e = e.cause)
    if (e.message.includes('UNIQUE constraint failed')) return true
  return false
}

/**
 * The checks run before the write, so a concurrent request can win in between; its write
 * then fails on the unique key. The checks are run again to answer that request with the
 * same conflict as a later one, instead of a 500.
 */
async function conflictOf(
  error: unknown,
  recheck: () => Promise<SiteConflict | null>,
): Promise<SiteConflict> {
  const conflict = isUniqueViolation(error) ? await recheck() : null
  if (conflict === null) throw error
  return conflict
}

/** Registers a site with its origins; the conflict when its id or an origin is taken. */
export async function createSite(
  db: Db,
  site: { id: string; name: string; origins: string[]; region: string | null },
  nowMs: number,
  audit?: AuditEntry,
): Promise<SiteConflict | null> {
  const checks = async () =>
    (await siteConflict(db, site.id)) ?? (await originConflict(db, site.id, site.origins))
  const conflict = await checks()
  if (conflict) return conflict
  const siteRow = db
    .insert(sites)
    .values({ id: site.id, name: site.name, createdAt: nowMs, region: site.region })
  const originRows = site.origins.map((origin) => ({ origin, siteId: site.id }))
  const statements = [siteRow.getSQL()]
  if (originRows.length > 0) statements.push(db.insert(siteOrigins).values(originRows).getSQL())
  try {
    await batchWithAudit(db, statements, audit)
    return null
  } catch (error) {
    return conflictOf(error, checks)
  }
}

/** Renames a site, sets its region and/or replaces its origins, in one transaction; the conflict if any. */
export async function updateSite(
  db: Db,
  id: string,
  change: { name?: string; origins?: string[]; region?: string | null },
  audit?: AuditEntry,
): Promise<SiteConflict | null> {
  const checks = () => originConflict(db, id, change.origins ?? [])
  const conflict = await checks()
  if (conflict) return conflict
  const statements = []
  if (change.name !== undefined || change.region !== undefined) {
    statements.push(
      db.update(sites).set({ name: change.name, region: change.region }).where(eq(sites.id, id)),
    )
  }
  if (change.origins !== undefined) {
    statements.push(db.delete(siteOrigins).where(eq(siteOrigins.siteId, id)))
    if (change.origins.length > 0) {
      statements.push(
        db.insert(siteOrigins).values(change.origins.map((origin) => ({ origin, siteId: id }))),
      )
    }
  }
  if (statements.length === 0) return null
  const exists = sql`EXISTS (SELECT 1 FROM sites WHERE id = ${id})`
  try {
    await batchWithAudit(
      db,
      statements.map((q) => q.getSQL()),
      audit,
      exists,
    )
    return null
  } catch (error) {
    return conflictOf(error, checks)
  }
}

/**
 * Adds an OPD to a site with the category its name suggests, or renames it and keeps the
 * category it has (admins are not held to the first-use cap). The OPD as it now is.
 */
export async function upsertOpd(
  db: Db,
  site: string,
  slug: string,
  name: string,
  nowMs: number,
  audit?: AuditEntry,
): Promise<OpdEntry> {
  const category = suggestCategory(name, slug)
  const upsert = db
    .insert(opds)
    .values({ siteId: site, slug, name, createdAt: nowMs, category })
    .onConflictDoUpdate({ target: [opds.siteId, opds.slug], set: { name } })
    .returning({ slug: opds.slug, name: opds.name, category: opds.category })
  const [result] = await batchWithAudit<OpdEntry>(db, [upsert.getSQL()], audit)
  return result.results[0]
}

/** Files an OPD under another category; null when the site has no such OPD. */
export async function setOpdCategory(
  db: Db,
  site: string,
  slug: string,
  category: OpdCategory,
  audit?: AuditEntry,
): Promise<OpdEntry | null> {
  const update = db
    .update(opds)
    .set({ category })
    .where(and(eq(opds.siteId, site), eq(opds.slug, slug)))
    .returning({ slug: opds.slug, name: opds.name, category: opds.category })
  const exists = sql`EXISTS (SELECT 1 FROM opds WHERE site_id = ${site} AND slug = ${slug})`
  const [result] = await batchWithAudit<OpdEntry>(db, [update.getSQL()], audit, exists)
  return result.results[0] ?? null
}

// Every widget request resolves its Origin; a short per-isolate cache keeps that lookup off
// the hot path. Admin changes in this isolate clear it; other isolates see them within a TTL.
const TTL_MS = 60_000
const cache = new Map<string, { siteId: string | null; at: number }>()

export async function siteForOrigin(db: Db, origin: string): Promise<string | null> {
  // A host deeper than any registered origin would bind more than D1's 100 parameters.
  if (!mayBeRegistered(origin)) return null
  const hit = cache.get(origin)
  if (hit && Date.now() - hit.at < TTL_MS) return hit.siteId
  // One indexed lookup of the origin and the wildcards that would cover it (domain/embedding/origins.ts).
  const rows = await db
    .select({ origin: siteOrigins.origin, siteId: siteOrigins.siteId })
    .from(siteOrigins)
    .where(inArray(siteOrigins.origin, [origin, ...wildcardsFor(origin)]))
  const rule = decidingRule(
    origin,
    rows.map((r) => r.origin),
  )
  const siteId = rows.find((r) => r.origin === rule)?.siteId ?? null
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
 * Adds an OPD slug to a site on first use, up to a cap (docs/contract.md §5) and, with a guard, up
 * to a few new slugs per network and day, so one address cannot fill the cap with junk.
 * Answers `at_cap` when the site has its cap of OPDs and `refused` when the guard refused
 * the slug (nothing added either way).
 */
export async function ensureOpd(
  db: Db,
  siteId: string,
  slug: string,
  cap: number,
  guard: OpdGuard | null,
): Promise<'ok' | 'at_cap' | 'refused'> {
  if (known.has(cacheKey(siteId, slug))) return 'ok'
  const existing = await db
    .select({ slug: opds.slug })
    .from(opds)
    .where(and(eq(opds.siteId, siteId), eq(opds.slug, slug)))
    .get()
  if (!existing) {
    const [{ n }] = await db.select({ n: count() }).from(opds).where(eq(opds.siteId, siteId))
    if (n >= cap) return 'at_cap'
    if (guard) {
      if (!(await addWithinBound(db, siteId, slug, guard))) return 'refused'
    } else {
      await db
        .insert(opds)
        .values({ siteId, slug, createdAt: Date.now(), category: suggestCategory(null, slug) })
        .onConflictDoNothing()
    }
  }
  if (known.size > 10_000) known.clear()
  known.add(cacheKey(siteId, slug))
  return 'ok'
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
    sql`INSERT INTO opds (site_id, slug, created_at, category)
      SELECT ${siteId}, ${slug}, ${Date.now()}, ${suggestCategory(null, slug)}
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
