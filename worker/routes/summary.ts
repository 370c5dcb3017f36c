import { Hono } from 'hono'
import { z } from 'zod'
import { database } from '../db/client'
import { zeroCounts } from '../domain/rating-scale'
import { buildSummary } from '../domain/summary'
import type { Env } from '../env'
import { publicCors, type PublicVars } from '../sites/public-cors'
import { requestSite } from '../sites/request-site'
import { countsOf } from '../storage/counts-of'
import { type CounterRow, summaryRowQuery } from '../storage/summary-row'
import { articleKey, opdSlug, reader, siteId } from '../validation/fields'
import { parseOrThrow } from '../validation/parse'

const summaryQuery = z.object({
  site: siteId.optional(),
  opd: opdSlug.optional(),
  article: articleKey,
  reader: reader.optional(),
})

export const summaryRoute = new Hono<{ Bindings: Env; Variables: PublicVars }>()
  .use(publicCors)
  .get('/', async (c) => {
    const query = parseOrThrow(summaryQuery, c.req.query())
    const db = database(c.env.DB)
    const siteId = await requestSite(db, c.var.originSite, query.site)
    const [row] = await db.all<CounterRow>(summaryRowQuery(siteId, query.article, query.reader ?? null))
    // Widgets poll this; a short shared cache would serve one reader's `yours` to another.
    c.header('Cache-Control', 'no-store')
    return c.json(
      buildSummary({
        site: siteId,
        opd: row?.opd ?? query.opd ?? null,
        article: query.article,
        counts: row ? countsOf(row) : zeroCounts(),
        views: row?.views ?? 0,
        yours: row?.yours ?? null,
      }),
    )
  })
