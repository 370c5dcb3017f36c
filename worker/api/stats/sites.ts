import { countsOf } from '../../db/sql'
import { createRoute, type RouteHandler, z } from '@hono/zod-openapi'
import { withChanges } from '../../domain/figures/period-change'
import type { ReasonCounts } from '../../domain/comments/reasons'
import { regionColumns } from '../../domain/regions/regions'
import { statFigures } from '../../domain/figures/stat-figures'
import type { AppEnv } from '../../env'
import { reasonsBy, reasonsOf } from '../../storage/reasons'
import { type SiteSums, siteSums } from '../../storage/stats'
import { regionCode } from '../../validation/region-fields'
import { access, DOWNLOAD_NOTE, errors, okOrDownload } from '../operation'
import { ANSWERS } from '../schemas'
import { fileName, statsDownload } from './download'
import {
  askedAndPrevious,
  countsBefore,
  downloadFields,
  STATS,
  statsFields,
  statsRequest,
} from './request'

const sitesQuery = z
  .strictObject(statsFields)
  .omit({ opd: true })
  .extend({ region: regionCode.optional(), ...downloadFields })

/** One row per site in scope (an addition to docs/contract.md §5). */
export const sites = createRoute({
  method: 'get',
  path: '/sites',
  tags: ['Statistics'],
  summary: 'One row per site',
  description: DOWNLOAD_NOTE,
  ...access('token'),
  request: { query: sitesQuery },
  responses: { 200: okOrDownload(ANSWERS.SiteRows), ...errors(...STATS) },
})

export const sitesHandler: RouteHandler<typeof sites, AppEnv> = async (c) => {
  const db = c.var.db
  const { q, filter, before, previous } = await statsRequest(c.var, c.req.valid('query'), {
    opd: false,
  })
  const [sums, prev, reasons] = await Promise.all([
    siteSums(db, filter),
    countsBefore(before && siteSums(db, before), (r) => r.site),
    reasonsBy(db, filter, 'site'),
  ])
  const rows = withChanges(siteRows(sums, reasons), (r) => r.site, prev)
  if (q.format !== 'json') {
    const subject = { ...filter, opd: undefined, period: q.period }
    return statsDownload(
      c,
      q,
      { kind: 'sites', csvName: fileName('sites', subject), ...subject },
      {
        keys: ['site', 'name', 'region', 'region_name', 'province'],
        rows,
        compared: true,
      },
    )
  }
  return c.json({ ...askedAndPrevious(q, previous), region: filter.region ?? null, rows }, 200)
}

/** A site's figures and reasons. */
function siteRows(sums: SiteSums[], reasons: Map<string, ReasonCounts>) {
  return sums.map((r) => ({
    site: r.site,
    name: r.name,
    ...regionColumns(r.region),
    ...statFigures(countsOf(r), r.views),
    reasons: reasonsOf(reasons, r.site),
  }))
}
