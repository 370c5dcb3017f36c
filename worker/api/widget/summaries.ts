import { createRoute, z } from '@hono/zod-openapi'
import { readSummaries } from '../../storage/articles'
import { publicCors } from '../public-cors'
import { requestSite } from '../../hot-path/request-article'
import { articleKey, siteId } from '../../validation/fields'
import { access, apiApp, errors, ok, WIDGET } from '../operation'
import { ANSWERS } from '../schemas'

/** One listing page at a time (docs/contract.md §10): one statement, whatever the page holds. */
const MAX_LISTED_ARTICLES = 100

const Summaries = z.strictObject({ rows: z.array(ANSWERS.Summary) }).openapi('Summaries')

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['Widget'],
  summary: 'Summaries of up to 100 articles, for listing pages',
  description: 'Counts only (yours is null), in the order asked; cached for a minute.',
  ...access('public'),
  request: {
    query: z.object({
      site: siteId.optional(),
      // Repeated on purpose (`article=a&article=b`): the validator gives one as a string.
      article: z.preprocess(
        (v) => (typeof v === 'string' ? [v] : (v ?? [])),
        z
          .array(articleKey)
          .min(1, 'name at least one article')
          .max(MAX_LISTED_ARTICLES, `at most ${MAX_LISTED_ARTICLES} articles at once`),
      ),
    }),
  },
  responses: { 200: ok(Summaries), ...errors('invalid_request', ...WIDGET) },
})

export const summariesRoute = apiApp(publicCors).openapi(route, async (c) => {
  const query = c.req.valid('query')
  const siteId = await requestSite(c.var.db, c.var.originSite, query.site)
  // Counts only, the same for every reader: a listing page may be served from a cache for
  // a minute (the article's own widget reads /summary, uncached, with the reader's answer).
  c.header('Cache-Control', 'public, max-age=60')
  return c.json({ rows: await readSummaries(c.var.db, siteId, query.article) }, 200)
})
