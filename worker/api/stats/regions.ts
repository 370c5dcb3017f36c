import { createRoute, type RouteHandler, z } from '@hono/zod-openapi'
import type { TokenScope } from '../../auth/token'
import { withChanges } from '../../domain/figures/period-change'
import { type ReasonCounts, sumReasons } from '../../domain/comments/reasons'
import { type RegionLevel, type RegionSums, regionTable } from '../../domain/regions/region-table'
import { PROVINCES, type Region, regenciesOf, regionOf } from '../../domain/regions/regions'
import type { AppEnv } from '../../env'
import { apiError } from '../../errors'
import { reasonsBy } from '../../storage/reasons'
import { provinceSums, regionSums } from '../../storage/region-stats'
import { provinceCode } from '../../validation/region-fields'
import { access, DOWNLOAD_NOTE, errors, okOrDownload } from '../operation'
import { ANSWERS } from '../schemas'
import { statsDownload } from './download'
import { askedAndPrevious, downloadFields, STATS, statsFields, statsRequest } from './request'

const REGION_LEVELS = ['province', 'regency'] as const
const regionsQuery = z.strictObject({
  level: z.enum(REGION_LEVELS, { error: 'level must be province or regency' }).optional(),
  province: provinceCode('province').optional(),
  from: statsFields.from,
  to: statsFields.to,
  period: statsFields.period,
  format: statsFields.format,
  ...downloadFields,
})

/**
 * The national view (one row per province) or a provincial one (one row per kabupaten/kota,
 * and the province itself when sites are registered to it), docs/contract.md §7. Every region of
 * the level is listed, in code order; rank_low/rank_high bound the IKM as for articles, so
 * a pemda with a handful of answers cannot top a ranking. A provinsi token reads its own
 * province only; an opd token reads no region.
 */
export const regions = createRoute({
  method: 'get',
  path: '/regions',
  tags: ['Statistics'],
  summary: 'One row per province, or per kabupaten/kota of one province',
  description: DOWNLOAD_NOTE,
  ...access('token'),
  request: { query: regionsQuery },
  responses: { 200: okOrDownload(ANSWERS.RegionRows), ...errors(...STATS) },
})

export const regionsHandler: RouteHandler<typeof regions, AppEnv> = async (c) => {
  const db = c.var.db
  const { q, filter, before, previous } = await statsRequest(c.var, c.req.valid('query'), {
    opd: false,
    check: (q) => {
      if (q.level === 'province' && q.province !== undefined) {
        throw apiError('invalid_request', 'province goes with level=regency, not level=province')
      }
    },
  })
  const { level, province, own } = regionView(c.var.token, q)
  const region = level === 'regency' && province !== undefined ? province : filter.region
  // Per province from province_days, per kabupaten/kota from site_days (the same sums).
  const read = level === 'province' ? provinceSums : regionSums
  const [sums, sumsBefore, reasons] = await Promise.all([
    read(db, { ...filter, region }),
    before && read(db, { ...before, region }),
    reasonsBy(db, { ...filter, region }, 'region'),
  ])
  const areas = regionAreas(level, province, own, sums)
  const prev =
    sumsBefore && new Map(regionTable(level, areas, sumsBefore).map((r) => [r.region, r.counts]))
  const rows = withChanges(regionTable(level, areas, sums), (r) => r.region, prev).map((r) => ({
    ...r,
    reasons: reasonsOfArea(level, r.region, reasons),
  }))
  if (q.format !== 'json') {
    const area = level === 'regency' ? (province ?? 'regency') : undefined
    const subject = {
      kind: level === 'regency' ? ('regencies' as const) : ('provinces' as const),
      csvName: ['regions', area, q.from, q.to].filter(Boolean).join('-'),
      region,
      from: q.from,
      to: q.to,
      period: q.period,
    }
    return statsDownload(c, q, subject, {
      keys: ['region', 'name', 'sites', 'rank_low', 'rank_high'],
      rows,
      compared: true,
    })
  }
  const answer = {
    level,
    province: level === 'regency' ? (province ?? null) : null,
    ...askedAndPrevious(q, previous),
    rows,
  }
  return c.json(answer, 200)
}

/**
 * The level and province a token reads: an opd token none, a provinsi token its own province
 * only. Without a level, a province gives its kabupaten/kota, else the provinces.
 */
function regionView(token: TokenScope, q: { level?: RegionLevel; province?: string }) {
  if (token.role === 'opd') {
    throw apiError('out_of_scope', 'An opd token reads its own site, not regions')
  }
  if (token.role === 'provinsi' && q.province !== undefined && q.province !== token.region) {
    throw apiError('out_of_scope', `This token may read only province ${token.region}`)
  }
  const own = token.role === 'provinsi' ? (token.region ?? undefined) : undefined
  const province = q.province ?? own
  const level: RegionLevel = q.level ?? (province !== undefined ? 'regency' : 'province')
  return { level, province, own }
}

/** The rows' areas, in code order. */
function regionAreas(
  level: RegionLevel,
  province: string | undefined,
  own: string | undefined,
  sums: readonly RegionSums[],
): Region[] {
  if (level === 'province') return PROVINCES.filter((p) => own === undefined || p.code === own)
  // Nationally (no province) level=regency is every kabupaten/kota: Kominfo's ranking.
  if (province === undefined) return PROVINCES.flatMap((p) => regenciesOf(p.code))
  return [
    ...(sums.some((s) => s.region === province) ? [regionOf(province)!] : []),
    ...regenciesOf(province),
  ]
}

/** A row's reasons: those of the sites whose region is the row's (or lies in it). */
function reasonsOfArea(
  level: RegionLevel,
  area: string,
  reasons: Map<string, ReasonCounts>,
): ReasonCounts {
  const areaOf = (code: string) => (level === 'province' ? regionOf(code)?.province : code)
  return sumReasons(
    [...reasons].filter(([code]) => areaOf(code) === area).map(([, counts]) => counts),
  )
}
