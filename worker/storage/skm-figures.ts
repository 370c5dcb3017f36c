import { sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { TALLY_COLUMNS } from '../db/skm-schema'
import { dayRange, equalities, siteInRegion } from '../db/sql'
import type { StatsFilter } from './stats'

// The sums the SKM figures are made of (docs/contract.md §14): per service in scope, its day
// tallies and profile counts over a range. Only the roll-ups are read (skm_days,
// skm_profile_days), never the submissions: a site's year is its services × days rows.

/** With `category`, only the services of OPDs filed under it (docs/contract.md §13). */
export type SkmFilter = StatsFilter & { service?: string; category?: string }

/** One service in scope, with its tallies summed over the range. */
export interface ServiceSums {
  site: string
  opd: string
  service: string
  name: string
  /** The OPD's own name, null before it has one. */
  opd_name: string | null
  /** The site's name, as the dashboard shows it. */
  site_name: string
  population: number | null
  retired: boolean
  respondents: number
  /** By tally column (`persyaratan_1` … `pengaduan_4`). */
  tallies: Record<string, number>
  /** Counts per profile field and value given (fields left out are not rows). */
  profile: { field: string; value: string; count: number }[]
}

// Column names are constants of the schema, never input, which makes sql.raw safe.
const SUMMED = sql.raw(TALLY_COLUMNS.map((c) => `coalesce(sum(d.${c}), 0) AS ${c}`).join(', '))

const PICKED = sql.raw(TALLY_COLUMNS.map((c) => `s.${c}`).join(', '))

/**
 * The services of the scope with their sums; retired services only when they have respondents
 * in the range (their answers stay counted in their periods).
 */
export async function skmServiceSums(db: Db, f: SkmFilter): Promise<ServiceSums[]> {
  const scope = sql`${equalities([
    [sql`v.site_id`, f.site],
    [sql`v.opd`, f.opd],
    [sql`v.slug`, f.service],
    [
      sql`(SELECT o.category FROM opds o WHERE o.site_id = v.site_id AND o.slug = v.opd)`,
      f.category,
    ],
  ])} AND ${siteInRegion(sql`v.site_id`, f.region)}`
  const rows = await db.all<Record<string, number | string | null>>(sql`
    SELECT v.site_id AS site, v.opd, v.slug AS service, v.name, v.population,
      (SELECT o.name FROM opds o WHERE o.site_id = v.site_id AND o.slug = v.opd) AS opd_name,
      (SELECT t.name FROM sites t WHERE t.id = v.site_id) AS site_name,
      v.retired_at AS retired_at, coalesce(s.respondents, 0) AS respondents, ${PICKED}
    FROM skm_services v LEFT JOIN (
      SELECT d.site_id AS s_site, d.service AS s_service, sum(d.respondents) AS respondents,
        ${SUMMED}
      FROM skm_days d JOIN skm_services v ON v.site_id = d.site_id AND v.slug = d.service
      WHERE ${dayRange(f)} AND ${scope}
      GROUP BY d.site_id, d.service
    ) s ON s.s_site = v.site_id AND s.s_service = v.slug
    WHERE ${scope} AND (v.retired_at IS NULL OR s.respondents > 0)
    ORDER BY v.site_id, v.opd, v.slug`)
  const profiles = await db.all<{
    site: string
    service: string
    field: string
    value: string
    count: number
  }>(sql`
    SELECT d.site_id AS site, d.service, d.field, d.value, sum(d.count) AS count
    FROM skm_profile_days d JOIN skm_services v ON v.site_id = d.site_id AND v.slug = d.service
    WHERE ${dayRange(f)} AND ${scope}
    GROUP BY d.site_id, d.service, d.field, d.value`)
  return rows.map((r) => ({
    site: String(r.site),
    opd: String(r.opd),
    service: String(r.service),
    name: String(r.name),
    opd_name: r.opd_name === null ? null : String(r.opd_name),
    site_name: String(r.site_name ?? r.site),
    population: r.population === null ? null : Number(r.population),
    retired: r.retired_at !== null,
    respondents: Number(r.respondents),
    tallies: Object.fromEntries(TALLY_COLUMNS.map((c) => [c, Number(r[c] ?? 0)])),
    profile: profiles
      .filter((p) => p.site === r.site && p.service === r.service)
      .map(({ field, value, count }) => ({ field, value, count })),
  }))
}
