import * as z from 'zod'
import { publicCors, requestSite } from './site-request'
import { summary } from '../hot-path/article'
import { articleKey, opdSlug, reader, siteId } from '../validation/fields'
import { parseOrThrow } from '../validation/json-body'
import { factory } from '../env'

export const summaryQuery = z.object({
  site: siteId.optional(),
  opd: opdSlug.optional(),
  article: articleKey,
  reader: reader.optional(),
})

export const summaryRoute = factory
  .createApp()
  .use(publicCors)
  .get('/', async (c) => {
    const query = parseOrThrow(summaryQuery, c.req.query())
    const db = c.var.db
    const siteId = await requestSite(db, c.var.originSite, query.site)
    // Widgets poll this; a short shared cache would serve one reader's `yours` to another.
    c.header('Cache-Control', 'no-store')
    const reader = query.reader ?? null
    const opd = query.opd ?? null
    return c.json(await summary(c.env, db, siteId, query.article, reader, opd))
  })
