import { Hono } from 'hono'
import { z } from 'zod'
import type { AuthVars } from '../auth/bearer'
import { scopedFilter } from '../auth/scope'
import { database } from '../db/client'
import { statFigures } from '../domain/stat-figures'
import type { Env } from '../env'
import { assertSiteAndOpd } from '../storage/stats-lookups'
import { countsOf } from '../storage/counts-of'
import { siteSums } from '../storage/stats-sites'
import { parseOrThrow } from '../validation/parse'
import { checkRange, statsFields } from './stats-query'
import { fileName, respondRows } from './stats-respond'

const query = z.strictObject({ site: statsFields.site, from: statsFields.from, to: statsFields.to, format: statsFields.format })

/** GET /api/v1/stats/sites — one row per site in scope (README addition to CONTRACT §5). */
export const statsSitesRoute = new Hono<{ Bindings: Env; Variables: AuthVars }>().get('/', async (c) => {
  const q = parseOrThrow(query, c.req.query())
  checkRange(q.from, q.to)
  const filter = { ...scopedFilter(c.var.token, { site: q.site }), from: q.from, to: q.to }
  const db = database(c.env.DB)
  await assertSiteAndOpd(db, filter.site, undefined)
  const rows = (await siteSums(db, filter)).map((r) => ({
    site: r.site,
    name: r.name,
    ...statFigures(countsOf(r), r.views),
  }))
  return respondRows(
    c,
    q.format,
    { name: fileName('sites', [filter.site, q.from, q.to]), keys: ['site', 'name'], rows },
    { from: q.from ?? null, to: q.to ?? null },
  )
})
