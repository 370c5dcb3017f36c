import { createRoute, type RouteHandler, z } from '@hono/zod-openapi'
import { ARTICLE_SORTS, rankArticles } from '../../domain/figures/article-ranking'
import { withChanges } from '../../domain/figures/period-change'
import type { AppEnv } from '../../env'
import { reasonKeyOf, reasonsBy, reasonsOf } from '../../storage/reasons'
import { articleRow, articleSums } from '../../storage/stats'
import { access, DOWNLOAD_NOTE, errors, okOrDownload } from '../operation'
import { ANSWERS } from '../schemas'
import { fileName, statsDownload } from './download'
import {
  askedAndPrevious,
  countsBefore,
  downloadFields,
  rowLimit,
  STATS,
  statsFields,
  statsRequest,
} from './request'

const MAX_ARTICLE_LIMIT = 10_000

const articlesQuery = z.strictObject({
  ...statsFields,
  ...downloadFields,
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
  description: DOWNLOAD_NOTE,
  ...access('token'),
  request: { query: articlesQuery },
  responses: { 200: okOrDownload(ANSWERS.ArticleRows), ...errors(...STATS) },
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
  if (q.format !== 'json') {
    const subject = { csvName: fileName('articles', filter), ...filter, period: q.period }
    return statsDownload(
      c,
      q,
      { kind: 'articles', ...subject },
      {
        keys: ['site', 'opd', 'article', 'title', 'rank_low', 'rank_high'],
        rows,
        compared: true,
      },
    )
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
