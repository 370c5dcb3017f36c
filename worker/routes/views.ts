import * as z from 'zod'
import { publicCors } from './site-request'
import { view } from '../hot-path/article'
import { newArticleKey, opdSlug, reader, siteId, title } from '../validation/fields'
import { jsonBody } from '../validation/json-body'
import { factory } from '../env'

export const viewBody = z.object({
  site: siteId.optional(),
  opd: opdSlug,
  article: newArticleKey,
  title,
  reader,
})

export const viewsRoute = factory
  .createApp()
  .use(publicCors)
  .post('/', jsonBody(viewBody), async (c) => {
    const request = { originSite: c.var.originSite, body: c.var.body, headers: c.req.raw.headers }
    await view(c.env, c.var.db, request)
    return c.body(null, 204)
  })
