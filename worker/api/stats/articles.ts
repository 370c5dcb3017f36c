import { createRoute, type RouteHandler, z } from '@hono/zod-openapi'
import { ARTICLE_SORTS, rankArticles } from '../../domain/figures/article-ranking'
import { withChanges } from '../../domain/figures/period-change'
import type { AppEnv } from '../../env'
import { reasonKeyOf, reasonsBy, reasonsOf } from '../../storage/reasons'
import { articleRow, articleSums } from '../../storage/stats'
import { access, CSV_NOTE, errors, okOrCsv } from '../operation'
import { ANSWERS } from '../schemas'
import { csvRows, fileName } from './csv'
import {
  askedAndPrevious,
  countsBefore,
  rowLimit,
  STATS,
  statsFields,
  statsRequest,
} from './request'

const MAX_ARTICLE_LIMIT = 10_000

const articlesQuery = z.strictObject({
  ...statsFields,
  sort: z
    .enum(ARTICLE_SORTS, { error: `sort must be one of ${ARTICLE_SORTS.join(', ')}` })
    .default('lowest'),
  limit: rowLimit(MAX_ARTICLE_LIMIT, 100),
})

/**
 * Per article, ranked. `lowest` (the default) lists the least satisfied first by a bound
 * that a handful of responses cannot dominate (rank_high); `highest` by rank_low;
 * `responses` and `views` by those counts.
 */
export const articles = createRoute({
  method: 'get',
  path: '/articles',
  tags: ['Statistics'],
  summary: 'One row per article, ranked',
  description: CSV_NOTE,
  ...access('token'),
  request: { query: articlesQuery },
  responses: { 200: okOrCsv(ANSWERS.ArticleRows), ...errors(...STATS) },
})

const key = (r: { site: string; article: string }) => `${r.site} ${r.article}`

export const articlesHandler: RouteHandler<typeof articles, AppEnv> = async (c) => {
  const db = c.var.db
  const { q, filter, before, previous } = await statsRequest(c.var, c.req.valid('query'), {
    opd: true,
  })
  const [sums, prev, reasons] = await Promise.all([
    articleSums(db, filter),
    countsBefore(before && articleSums(db, before), key),
    reasonsBy(db, filter, 'article'),
  ])
  const matched = sums.map((r) => ({
    ...articleRow(r),
    reasons: reasonsOf(reasons, reasonKeyOf(r.site, r.article)),
  }))
  const rows = withChanges(rankArticles(matched, q.sort).slice(0, q.limit), key, prev)
  if (q.format === 'csv') {
    return csvRows(c, {
      name: fileName('articles', filter),
      keys: ['site', 'opd', 'article', 'title', 'rank_low', 'rank_high'],
      rows,
      compared: true,
    })
  }
  const answer = {
    ...askedAndPrevious(q, previous),
    sort: q.sort,
    limit: q.limit,
    matched: matched.length,
    rows,
  }
  return c.json(answer, 200)
}
