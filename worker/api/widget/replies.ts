import { createRoute, z } from '@hono/zod-openapi'
import { jakartaDay } from '../../domain/calendar/days'
import { articleReplies } from '../../storage/comments-list'
import { articleKey, siteId } from '../../validation/fields'
import { publicCors } from '../public-cors'
import { requestSite } from '../../hot-path/request-article'
import { access, apiApp, errors, ok, WIDGET } from '../operation'
import { day } from '../schemas'

/** Enough for a page; an article with more replies shows its newest. */
const MAX_REPLIES = 20

const Replies = z
  .strictObject({
    article: z.string(),
    replies: z.array(z.strictObject({ reply: z.string(), day })),
  })
  .openapi('Replies')

/**
 * GET /api/v1/replies?article= — an article's public replies («Tanggapan OPD», docs/contract.md §9),
 * newest first: `{"article", "replies": [{"reply", "day"}]}`. The widget's comment chunk shows
 * them as text. Only the OPD's words and the day: the comment they answer is not public.
 */
const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['Widget'],
  summary: 'The OPD’s public replies on an article («Tanggapan OPD»)',
  ...access('public'),
  request: { query: z.object({ site: siteId.optional(), article: articleKey }) },
  responses: { 200: ok(Replies), ...errors('invalid_request', ...WIDGET) },
})

export const repliesRoute = apiApp(publicCors).openapi(route, async (c) => {
  const query = c.req.valid('query')
  const db = c.var.db
  const site = await requestSite(db, c.var.originSite, query.site)
  const rows = await articleReplies(db, site, query.article, MAX_REPLIES)
  // The same for every reader: a minute of caching spares D1 on a busy article.
  c.header('Cache-Control', 'public, max-age=60')
  return c.json(
    {
      article: query.article,
      replies: rows.map((r) => ({ reply: r.reply, day: jakartaDay(r.replied_at) })),
    },
    200,
  )
})
