import { Hono } from 'hono'
import { z } from 'zod'
import type { AuthVars } from '../auth/bearer'
import { scopedFilter } from '../auth/scope'
import { database } from '../db/client'
import { statFigures } from '../domain/stat-figures'
import type { Env } from '../env'
import { countsOf } from '../storage/counts-of'
import { assertSiteAndOpd } from '../storage/stats-lookups'
import { opdSums } from '../storage/stats-opds'
import { parseOrThrow } from '../validation/parse'
import { checkRange, statsFields } from './stats-query'
import { fileName, respondRows } from './stats-respond'

const query = z.strictObject(statsFields)

/** GET /api/v1/stats/opds — one row per OPD in scope, with its display name. */
export const statsOpdsRoute = new Hono<{ Bindings: Env; Variables: AuthVars }>().get('/', async (c) => {
  const q = parseOrThrow(query, c.req.query())
  checkRange(q.from, q.to)
  const filter = { ...scopedFilter(c.var.token, { site: q.site, opd: q.opd }), from: q.from, to: q.to }
  const db = database(c.env.DB)
  await assertSiteAndOpd(db, filter.site, filter.opd)
  const rows = (await opdSums(db, filter)).map((r) => ({
    site: r.site,
    opd: r.opd,
    name: r.name,
    ...statFigures(countsOf(r), r.views),
  }))
  return respondRows(
    c,
    q.format,
    { name: fileName('opds', [filter.site, filter.opd, q.from, q.to]), keys: ['site', 'opd', 'name'], rows },
    { from: q.from ?? null, to: q.to ?? null },
  )
})
