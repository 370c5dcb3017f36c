import * as z from 'zod'
import { publicCors, requestSite } from './site-request'
import { readSummaries } from '../storage/articles'
import { articleKey, siteId } from '../validation/fields'
import { parseOrThrow } from '../validation/json-body'
import { factory } from '../env'

/** One listing page at a time (docs/contract.md §10): one statement, whatever the page holds. */
const MAX_LISTED_ARTICLES = 100

export const summariesQuery = z.object({
  site: siteId.optional(),
  article: z
    .array(articleKey)
    .min(1, 'name at least one article')
    .max(MAX_LISTED_ARTICLES, `at most ${MAX_LISTED_ARTICLES} articles at once`),
})

export const summariesRoute = factory
  .createApp()
  .use(publicCors)
  .get('/', async (c) => {
    const query = parseOrThrow(summariesQuery, {
      site: c.req.query('site'),
      article: c.req.queries('article') ?? [],
    })
    const siteId = await requestSite(c.var.db, c.var.originSite, query.site)
    // Counts only, the same for every reader: a listing page may be served from a cache for
    // a minute (the article's own widget reads /summary, uncached, with the reader's answer).
    c.header('Cache-Control', 'public, max-age=60')
    return c.json({ rows: await readSummaries(c.var.db, siteId, query.article) })
  })
