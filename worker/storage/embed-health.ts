import { type SQL, sql } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import { WIDGET_ERROR_CODES, type WidgetErrorCode } from '../domain/embedding/embed-health'
import type { StatsFilter } from './stats'
import { equalities, siteInRegion } from '../db/sql'

// Embed health (docs/embedding.md «Embed health»): the widget's error beacons, counted per site, OPD,
// day and code, and the rows of GET /stats/health. Both read and write roll-ups only: the
// last view and answer come from opd_days (the times its upserts keep), never from a scan of
// responses or views.

/** A per-network bound on counted beacons (the key and limit of worker/abuse/limits.ts). */
export interface BeaconGuard {
  key: string
  limit: number
}

/**
 * Counts one beacon in one batch: the network's attempt first, then the site's day row, only
 * within the bound. An OPD the site does not have is counted as '' (the site's own row), so
 * made-up names cannot add rows. Returns whether it was counted.
 */
export async function recordWidgetError(
  db: Db,
  site: string,
  opd: string | undefined,
  code: WidgetErrorCode,
  day: string,
  guard: BeaconGuard | null,
): Promise<boolean> {
  const within = guard
    ? sql`(SELECT count FROM rate_counters WHERE key = ${guard.key} AND window = ${day}) <= ${guard.limit}`
    : sql`1`
  const known = sql`EXISTS (SELECT 1 FROM opds WHERE site_id = ${site} AND slug = ${opd ?? ''})`
  const results = await batch<{ counted: number }>(db, [
    ...(guard
      ? [
          sql`INSERT INTO rate_counters (key, window, count) VALUES (${guard.key}, ${day}, 1)
            ON CONFLICT (key, window) DO UPDATE SET count = count + 1`,
        ]
      : []),
    sql`INSERT INTO widget_error_days (site_id, opd, day, code, count)
      SELECT ${site}, CASE WHEN ${known} THEN ${opd ?? ''} ELSE '' END, ${day}, ${code}, 1 WHERE ${within}
      ON CONFLICT (site_id, opd, day, code) DO UPDATE SET count = count + 1`,
    sql`SELECT ${within} AS counted`,
  ])
  return results[results.length - 1].results[0].counted === 1
}

type ErrorCounts = Record<WidgetErrorCode, number>

/** One row of GET /stats/health: a site (opd null) or one of its OPDs. */
export interface HealthRow {
  site: string
  opd: string | null
  name: string | null
  /** Epoch ms of the last counted view and answer, null when there has been none. */
  lastViewAt: number | null
  lastResponseAt: number | null
  views: number
  responses: number
  errors: ErrorCounts
}

const noErrors = (): ErrorCounts =>
  Object.fromEntries(WIDGET_ERROR_CODES.map((c) => [c, 0])) as ErrorCounts

/**
 * The end of a row's Jakarta day (17:00 UTC), not after now: the latest a row without the
 * times (written before they existed, or made by moving an article to another OPD) was
 * counted.
 */
const dayEnd = (nowMs: number) =>
  sql`min(${nowMs}, (CAST(strftime('%s', d.day) AS INTEGER) + 61200) * 1000 - 1)`

const ANSWERS = sql`d.sangat_puas + d.puas + d.cukup_puas + d.tidak_puas`

/**
 * Per OPD in scope: the last view and answer (each the newest day row that has one, read
 * backwards along opd_days' key, so a row or two per OPD), the sums of `days`, and the
 * beacons; then one row per site, summing its listed OPDs (and, unless one OPD is asked for,
 * the beacons that named none). Sites first, each followed by its OPDs.
 */
export async function healthRows(
  db: Db,
  filter: StatsFilter,
  days: { from: string; to: string },
  nowMs: number,
): Promise<HealthRow[]> {
  const where = (site: SQL, opd: SQL | null) => {
    const pairs: [SQL, string | undefined][] = [[site, filter.site]]
    if (opd) pairs.push([opd, filter.opd])
    return sql`${equalities(pairs)} AND ${siteInRegion(site, filter.region)}`
  }
  const newest = (condition: SQL, column: string) => sql`(
    SELECT coalesce(d.${sql.raw(column)}, ${dayEnd(nowMs)}) FROM opd_days d
    WHERE d.site_id = o.site_id AND d.opd = o.slug AND ${condition} ORDER BY d.day DESC LIMIT 1)`
  const [sites, opds, errors] = await Promise.all([
    db.all<{ site: string; name: string }>(
      sql`SELECT s.id AS site, s.name AS name FROM sites s WHERE ${where(sql`s.id`, null)} ORDER BY s.id`,
    ),
    db.all<Omit<HealthRow, 'errors'>>(sql`
      SELECT o.site_id AS site, o.slug AS opd, o.name AS name,
        ${newest(sql`d.views > 0`, 'last_view_at')} AS lastViewAt,
        ${newest(sql`(d.last_response_at IS NOT NULL OR ${ANSWERS} > 0)`, 'last_response_at')} AS lastResponseAt,
        coalesce(w.views, 0) AS views, coalesce(w.responses, 0) AS responses
      FROM opds o LEFT JOIN (
        SELECT d.site_id, d.opd, sum(d.views) AS views, sum(${ANSWERS}) AS responses FROM opd_days d
        WHERE d.day BETWEEN ${days.from} AND ${days.to} GROUP BY d.site_id, d.opd
      ) w ON w.site_id = o.site_id AND w.opd = o.slug
      WHERE ${where(sql`o.site_id`, sql`o.slug`)}
      ORDER BY o.site_id, o.slug`),
    db.all<{ site: string; opd: string; code: WidgetErrorCode; n: number }>(sql`
      SELECT e.site_id AS site, e.opd, e.code, sum(e.count) AS n FROM widget_error_days e
      WHERE e.day BETWEEN ${days.from} AND ${days.to} AND ${where(sql`e.site_id`, null)}
      GROUP BY e.site_id, e.opd, e.code`),
  ])
  const errorsOf = new Map<string, ErrorCounts>()
  for (const e of errors) {
    const key = `${e.site}\u0000${e.opd}`
    const counts = errorsOf.get(key) ?? noErrors()
    counts[e.code] += e.n
    errorsOf.set(key, counts)
  }
  const rows: HealthRow[] = []
  for (const s of sites) {
    const own = opds
      .filter((o) => o.site === s.site)
      .map((o) => ({ ...o, errors: errorsOf.get(`${o.site}\u0000${o.opd}`) ?? noErrors() }))
    const site: HealthRow = {
      site: s.site,
      opd: null,
      name: s.name,
      lastViewAt: latest(own.map((o) => o.lastViewAt)),
      lastResponseAt: latest(own.map((o) => o.lastResponseAt)),
      views: own.reduce((sum, o) => sum + o.views, 0),
      responses: own.reduce((sum, o) => sum + o.responses, 0),
      errors: noErrors(),
    }
    const siteWide = filter.opd === undefined ? [errorsOf.get(`${s.site}\u0000`)] : []
    for (const counts of [...own.map((o) => o.errors), ...siteWide]) {
      for (const code of WIDGET_ERROR_CODES) site.errors[code] += counts?.[code] ?? 0
    }
    rows.push(site, ...own)
  }
  return rows
}

function latest(times: (number | null)[]): number | null {
  const known = times.filter((t): t is number => t !== null)
  return known.length ? Math.max(...known) : null
}
