import { countsOf } from '../../db/sql'
import { createRoute, type RouteHandler, z } from '@hono/zod-openapi'
import { rankingBounds } from '../../domain/figures/ikm-interval'
import { OPD_SORTS, rankOpds } from '../../domain/figures/opd-ranking'
import { withChanges } from '../../domain/figures/period-change'
import type { ReasonCounts } from '../../domain/comments/reasons'
import { regionColumns } from '../../domain/regions/regions'
import { statFigures } from '../../domain/figures/stat-figures'
import type { AppEnv } from '../../env'
import { reasonKeyOf, reasonsBy, reasonsOf } from '../../storage/reasons'
import { type OpdSums, opdSums } from '../../storage/stats'
import { regionCode } from '../../validation/region-fields'
import { access, DOWNLOAD_NOTE, errors, okOrDownload } from '../operation'
import { ANSWERS } from '../schemas'
import { fileName, statsDownload } from './download'
import {
  askedAndPrevious,
  categoryField,
  countsBefore,
  downloadFields,
  STATS,
  statsFields,
  statsRequest,
} from './request'

/** docs/contract.md §13: every OPD of one kind across the sites of a region, ranked. */
const opdsQuery = z.strictObject({
  ...statsFields,
  ...downloadFields,
  region: regionCode.optional(),
  category: categoryField,
  sort: z.enum(OPD_SORTS, { error: `sort must be one of ${OPD_SORTS.join(', ')}` }).default('site'),
})

/**
 * One row per OPD in scope, with its display name, category and its site's region. With
 * `region=` and `category=` (docs/contract.md §13) one request ranks every OPD of one kind across
 * the sites of a region; `sort=lowest|highest` orders by the lower ranking bound.
 */
export const opds = createRoute({
  method: 'get',
  path: '/opds',
  tags: ['Statistics'],
  summary: 'One row per OPD, or every OPD of one kind across a region’s sites, ranked',
  description:
    '`region` (a province or kabupaten/kota code) and `category` narrow the OPDs across ' +
    'sites; `sort=lowest|highest` orders by the lower ranking bound (rank_low), OPDs ' +
    'without answers last. ' +
    DOWNLOAD_NOTE,
  ...access('token'),
  request: { query: opdsQuery },
  responses: { 200: okOrDownload(ANSWERS.OpdRows), ...errors(...STATS) },
})

const key = (r: { site: string; opd: string }) => `${r.site} ${r.opd}`

export const opdsHandler: RouteHandler<typeof opds, AppEnv> = async (c) => {
  const db = c.var.db
  const { q, filter, before, previous } = await statsRequest(c.var, c.req.valid('query'), {
    opd: true,
  })
  const [sums, prev, reasons] = await Promise.all([
    opdSums(db, filter, q.category),
    countsBefore(before && opdSums(db, before, q.category), key),
    reasonsBy(db, filter, 'opd'),
  ])
  const rows = withChanges(rankOpds(opdRows(sums, reasons), q.sort), key, prev)
  if (q.format !== 'json') {
    const csvName = fileName(['opds', filter.region, q.category].filter(Boolean).join('-'), filter)
    const subject = { csvName, ...filter, category: q.category, period: q.period }
    return statsDownload(
      c,
      q,
      { kind: 'opds', ...subject },
      {
        keys: ['site', 'opd', 'name', 'category', 'region', 'region_name', 'rank_low', 'rank_high'],
        rows,
        compared: true,
      },
    )
  }
  const answer = {
    ...askedAndPrevious(q, previous),
    region: filter.region ?? null,
    category: q.category ?? null,
    sort: q.sort,
    rows,
  }
  return c.json(answer, 200)
}

/** An OPD's figures, ranking bounds and reasons. */
function opdRows(sums: OpdSums[], reasons: Map<string, ReasonCounts>) {
  return sums.map((r) => {
    const counts = countsOf(r)
    const bounds = rankingBounds(counts)
    return {
      site: r.site,
      opd: r.opd,
      name: r.name,
      category: r.category,
      ...regionColumns(r.region),
      ...statFigures(counts, r.views),
      rank_low: bounds.low,
      rank_high: bounds.high,
      reasons: reasonsOf(reasons, reasonKeyOf(r.site, r.opd)),
    }
  })
}
