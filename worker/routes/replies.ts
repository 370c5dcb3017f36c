import * as z from 'zod'
import { jakartaDay } from '../domain/calendar/days'
import { factory } from '../env'
import { articleReplies } from '../storage/comments-list'
import { articleKey, siteId } from '../validation/fields'
import { parseOrThrow } from '../validation/json-body'
import { publicCors, requestSite } from './site-request'

/** Enough for a page; an article with more replies shows its newest. */
const MAX_REPLIES = 20

export const repliesQuery = z.object({ site: siteId.optional(), article: articleKey })

/**
 * GET /api/v1/replies?article= — an article's public replies («Tanggapan OPD», docs/contract.md §9),
 * newest first: `{"article", "replies": [{"reply", "day"}]}`. The widget's comment chunk shows
 * them as text. Only the OPD's words and the day: the comment they answer is not public.
 */
export const repliesRoute = factory
  .createApp()
  .use(publicCors)
  .get('/', async (c) => {
    const query = parseOrThrow(repliesQuery, c.req.query())
    const db = c.var.db
    const site = await requestSite(db, c.var.originSite, query.site)
    const rows = await articleReplies(db, site, query.article, MAX_REPLIES)
    // The same for every reader: a minute of caching spares D1 on a busy article.
    c.header('Cache-Control', 'public, max-age=60')
    return c.json({
      article: query.article,
      replies: rows.map((r) => ({ reply: r.reply, day: jakartaDay(r.replied_at) })),
    })
  })
