import { createRoute } from '@hono/zod-openapi'
import * as z from 'zod'
import { summary } from '../../hot-path/article'
import { publicCors } from '../public-cors'
import { requestSite } from '../../hot-path/request-article'
import { articleKey, opdSlug, reader, siteId } from '../../validation/fields'
import { access, apiApp, errors, ok, WIDGET } from '../operation'
import { ANSWERS } from '../schemas'

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['Widget'],
  summary: 'An article’s summary',
  description: 'An article nobody has answered yet gets zeros. Sent with no-store.',
  ...access('public'),
  request: {
    query: z.object({
      site: siteId.optional(),
      opd: opdSlug.optional(),
      article: articleKey,
      reader: reader.optional(),
    }),
  },
  responses: { 200: ok(ANSWERS.Summary), ...errors('invalid_request', ...WIDGET) },
})

export const summaryRoute = apiApp(publicCors).openapi(route, async (c) => {
  const query = c.req.valid('query')
  const db = c.var.db
  const siteId = await requestSite(db, c.var.originSite, query.site)
  // Widgets poll this; a short shared cache would serve one reader's `yours` to another.
  c.header('Cache-Control', 'no-store')
  return c.json(
    await summary(c.env, db, siteId, query.article, query.reader ?? null, query.opd ?? null),
    200,
  )
})
