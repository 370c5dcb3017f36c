import { createRoute, z } from '@hono/zod-openapi'
import { REASON_KEYS } from '../../domain/comments/reasons'
import { visit } from '../../hot-path/article'
import { publicCors } from '../public-cors'
import { requestSite } from '../../hot-path/request-article'
import { pageViewFollowUp } from '../../storage/page-view-follow-up'
import { access, apiApp, BODY, errors, jsonRequest, ok, WIDGET } from '../operation'
import { ANSWERS, count } from '../schemas'
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
  replies: count.describe(
    'How many public replies of the OPD («Tanggapan OPD») the article has; GET /replies lists them',
  ),
  reasons: z
    .array(z.enum(REASON_KEYS))
    .describe('The reader’s current reasons («Apa yang kurang?») on the article, in display order'),
}).openapi('Visit')

const route = createRoute({
  method: 'post',
  path: '/',
  tags: ['Widget'],
  summary: 'A page view: count it and answer the summary',
  description:
    'The widget’s one request per page view (docs/contract.md §12): the view counted as POST /views counts it (once per reader, article and Asia/Jakarta day; one the abuse bounds refuse is not counted) and the summary with `yours`, answered by the article’s object, with the article’s count of public replies and the reader’s reasons. Sent with no-store.',
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
  const db = c.var.db
  const request = { originSite: c.var.originSite, body, headers: c.req.raw.headers }
  // The follow-up is read from D1 beside the article's object, not after it.
  const [summary, followUp] = await Promise.all([
    visit(c.env, db, request),
    requestSite(db, request.originSite, body.site).then((site) =>
      pageViewFollowUp(db, site, body.article, id),
    ),
  ])
  // The reader's own `yours` and reasons: no shared cache may keep them.
  c.header('Cache-Control', 'no-store')
  return c.json({ ...summary, reader: id, ...followUp }, 200)
})
