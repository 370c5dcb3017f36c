import { Hono } from 'hono'
import { z } from 'zod'
import type { AuthVars } from '../auth/bearer'
import { scopedFilter } from '../auth/scope'
import { database } from '../db/client'
import { ARTICLE_SORTS, rankArticles } from '../domain/article-ranking'
import { rankingBounds } from '../domain/ikm-interval'
import { statFigures } from '../domain/stat-figures'
import type { Env } from '../env'
import { countsOf } from '../storage/counts-of'
import { articleSums } from '../storage/stats-articles'
import { assertSiteAndOpd } from '../storage/stats-lookups'
import { parseOrThrow } from '../validation/parse'
import { checkRange, rowLimit, statsFields } from './stats-query'
import { fileName, respondRows } from './stats-respond'

export const MAX_ARTICLE_LIMIT = 10_000

const query = z.strictObject({
  ...statsFields,
  sort: z.enum(ARTICLE_SORTS, { error: `sort must be one of ${ARTICLE_SORTS.join(', ')}` }).default('lowest'),
  limit: rowLimit(MAX_ARTICLE_LIMIT, 100),
})

/**
 * GET /api/v1/stats/articles — per article, ranked. `lowest` (the default) lists the least
 * satisfied first by a bound that a handful of responses cannot dominate (rank_high);
 * `highest` by rank_low; `responses` and `views` by those counts.
 */
export const statsArticlesRoute = new Hono<{ Bindings: Env; Variables: AuthVars }>().get('/', async (c) => {
  const q = parseOrThrow(query, c.req.query())
  checkRange(q.from, q.to)
  const filter = { ...scopedFilter(c.var.token, { site: q.site, opd: q.opd }), from: q.from, to: q.to }
  const db = database(c.env.DB)
  await assertSiteAndOpd(db, filter.site, filter.opd)
  const rows = (await articleSums(db, filter)).map((r) => {
    const counts = countsOf(r)
    const bounds = rankingBounds(counts)
    return {
      site: r.site,
      opd: r.opd,
      article: r.article,
      title: r.title,
      ...statFigures(counts, r.views),
      rank_low: bounds.low,
      rank_high: bounds.high,
    }
  })
  const ranked = rankArticles(rows, q.sort).slice(0, q.limit)
  return respondRows(
    c,
    q.format,
    {
      name: fileName('articles', [filter.site, filter.opd, q.from, q.to]),
      keys: ['site', 'opd', 'article', 'title', 'rank_low', 'rank_high'],
      rows: ranked,
    },
    { from: q.from ?? null, to: q.to ?? null, sort: q.sort, limit: q.limit, matched: rows.length },
  )
})
