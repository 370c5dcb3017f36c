import { createRoute, z } from '@hono/zod-openapi'
import { visit } from '../../hot-path/article'
import { publicCors } from '../../routes/site-request'
import { access, apiApp, BODY, errors, jsonRequest, ok, WIDGET } from '../operation'
import { ANSWERS } from '../schemas'
import { reader } from '../../validation/fields'
import { viewBody } from './views'

const visitBody = viewBody
  .extend({
    reader: z
      .string()
      .max(100)
      .optional()
      .describe(
        'The id the widget keeps for its reader; when missing or not a UUID (storage blocked, a first visit), the view is counted under a new one, answered in `reader` for the widget to keep',
      ),
  })
  .openapi('PostVisitsBody')

const Visit = ANSWERS.Summary.extend({
  reader: reader.describe('The reader id the view was counted under'),
}).openapi('Visit')

const route = createRoute({
  method: 'post',
  path: '/',
  tags: ['Widget'],
  summary: 'A page view: count it and answer the summary',
  description:
    'The widget’s one request per page view (docs/contract.md §12): the view counted as POST /views counts it (once per reader, article and Asia/Jakarta day; one the abuse bounds refuse is not counted) and the summary with `yours`, answered by the article’s object. Sent with no-store.',
  ...access('public'),
  ...jsonRequest(visitBody),
  responses: {
    200: ok(Visit),
    ...errors(...BODY, ...WIDGET, 'article_not_registered', 'placeholder_article', 'too_many_opds'),
  },
})

export const visitsRoute = apiApp(publicCors).openapi(route, async (c) => {
  const given = c.var.body.reader
  // The loader sends the kept id as it is, so that it need not check or make one.
  const id = reader.safeParse(given).success ? (given as string) : crypto.randomUUID()
  const body = { ...c.var.body, reader: id }
  const request = { originSite: c.var.originSite, body, headers: c.req.raw.headers }
  // The reader's own `yours`: no shared cache may keep it.
  c.header('Cache-Control', 'no-store')
  return c.json({ ...(await visit(c.env, c.var.db, request)), reader: id }, 200)
})
