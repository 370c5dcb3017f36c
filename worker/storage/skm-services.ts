import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { skmServices } from '../db/skm-schema'
import type { Wording } from '../skm/questionnaire'
import { type AuditEntry, batchWithAudit } from './audit'

// The services (layanan) of the official survey (docs/contract.md §14): created, renamed and
// retired by an admin or the OPD's own token; the survey's submissions name one.

/** A service as the API shows it. Times are milliseconds since 1970. */
export interface ServiceRow {
  site: string
  opd: string
  slug: string
  name: string
  population: number | null
  wording: Wording | null
  created_at: number
  retired_at: number | null
}

const columns = {
  site: skmServices.siteId,
  opd: skmServices.opd,
  slug: skmServices.slug,
  name: skmServices.name,
  population: skmServices.population,
  wording: sql<Wording | null>`${skmServices.wording}`.mapWith(
    (v: string | null) => (v === null ? null : JSON.parse(v)) as Wording | null,
  ),
  created_at: skmServices.createdAt,
  retired_at: skmServices.retiredAt,
}

/** A site's services (one OPD's, when named), retired ones too, by OPD then slug. */
export function listServices(db: Db, site: string, opd?: string): Promise<ServiceRow[]> {
  return db
    .select(columns)
    .from(skmServices)
    .where(
      and(eq(skmServices.siteId, site), opd === undefined ? undefined : eq(skmServices.opd, opd)),
    )
    .orderBy(asc(skmServices.opd), asc(skmServices.slug))
}

export async function serviceOf(db: Db, site: string, slug: string): Promise<ServiceRow | null> {
  const [row] = await db
    .select(columns)
    .from(skmServices)
    .where(and(eq(skmServices.siteId, site), eq(skmServices.slug, slug)))
  return row ?? null
}

export interface ServiceChange {
  site: string
  opd: string
  slug: string
  name: string
  /** Left out: kept as it is (null for a new service); null: taken away. */
  population?: number | null
  wording?: Wording | null
}

/**
 * Creates the service, or renames it and sets what the change gives. A retired service given
 * again is taken back into use. A slug another OPD of the site uses is `taken` (one page per
 * slug and site); the row is written only when the slug is free or already this OPD's.
 */
export async function putService(
  db: Db,
  change: ServiceChange,
  nowMs: number,
  audit?: AuditEntry,
): Promise<ServiceRow | 'taken'> {
  const wording =
    change.wording === undefined || change.wording === null ? null : JSON.stringify(change.wording)
  const keep = (column: string, given: unknown) =>
    given === undefined ? sql.raw(column) : sql.raw(`excluded.${column}`)
  const free = sql`NOT EXISTS (SELECT 1 FROM skm_services WHERE site_id = ${change.site}
    AND slug = ${change.slug} AND opd <> ${change.opd})`
  const insert = sql`INSERT INTO skm_services
      (site_id, slug, opd, name, population, wording, created_at, retired_at)
    VALUES (${change.site}, ${change.slug}, ${change.opd}, ${change.name},
      ${change.population ?? null}, ${wording}, ${nowMs}, NULL)
    ON CONFLICT (site_id, slug) DO UPDATE SET name = excluded.name,
      population = ${keep('population', change.population)},
      wording = ${keep('wording', change.wording)}, retired_at = NULL
    WHERE skm_services.opd = excluded.opd`
  await batchWithAudit(db, [insert], audit, free)
  const row = await serviceOf(db, change.site, change.slug)
  return row === null || row.opd !== change.opd ? 'taken' : row
}

/**
 * Retires an OPD's service (again: nothing changes, nothing is logged); null when the OPD has
 * no such service.
 */
export async function retireService(
  db: Db,
  site: string,
  opd: string,
  slug: string,
  nowMs: number,
  audit?: AuditEntry,
): Promise<ServiceRow | null> {
  const inUse = sql`EXISTS (SELECT 1 FROM skm_services WHERE site_id = ${site} AND slug = ${slug}
    AND opd = ${opd} AND retired_at IS NULL)`
  const retire = sql`UPDATE skm_services SET retired_at = coalesce(retired_at, ${nowMs})
    WHERE site_id = ${site} AND slug = ${slug} AND opd = ${opd}`
  await batchWithAudit(db, [retire], audit, inUse)
  const row = await serviceOf(db, site, slug)
  return row === null || row.opd !== opd ? null : row
}
