import { createRoute, type RouteHandler, z } from '@hono/zod-openapi'
import { ARTICLE_SORTS } from '../../domain/figures/article-ranking'
import { withChanges } from '../../domain/figures/period-change'
import type { AppEnv } from '../../env'
import {
  articleCount,
  articlePage,
  articleSumsOf,
  type SortKey,
} from '../../storage/article-ranking'
import { reasonKeyOf, reasonsBy, reasonsOf } from '../../storage/reasons'
import { articleRow } from '../../storage/stats'
import { access, DOWNLOAD_NOTE, errors, okOrDownload } from '../operation'
import { ANSWERS } from '../schemas'
import { decodeCursor, encodeCursor } from './article-cursor'
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

const MAX_ARTICLE_LIMIT = 1_000

const articlesQuery = z.strictObject({
  ...statsFields,
  ...downloadFields,
  sort: z
    .enum(ARTICLE_SORTS, { error: `sort must be one of ${ARTICLE_SORTS.join(', ')}` })
    .default('lowest'),
  limit: rowLimit(MAX_ARTICLE_LIMIT, 100),
  cursor: z
    .string()
    .max(2000, 'cursor is not one this listing gave: ask again without cursor')
    .optional()
    .describe('`next_cursor` of the page before; the first page without it'),
})

/**
 * Per article, ranked, a page at a time. `lowest` (the default) lists the least satisfied
 * first by a bound that a handful of responses cannot dominate (rank_high); `highest` by
 * rank_low; `responses` and `views` by those counts. D1 ranks and cuts the page
 * (storage/article-ranking.ts), so a page costs the Worker `limit` rows however many articles
 * the scope holds; `next_cursor` (and a Link header, for downloads) continues it.
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
  // A bad cursor is a 400 like any other query error: before the scope is looked at.
  const start: { after: SortKey | null } = { after: null }
  const { q, filter, before, previous } = await statsRequest(c.var, c.req.valid('query'), {
    opd: true,
    check: (q) => {
      start.after = q.cursor === undefined ? null : decodeCursor(q.cursor, q.sort)
    },
  })
  const [page, matched] = await Promise.all([
    articlePage(db, filter, q.sort, start.after, q.limit),
    articleCount(db, filter),
  ])
  const ids = page.rows.map((r) => r.id)
  const [prev, reasons] = await Promise.all([
    countsBefore(before && articleSumsOf(db, before, ids), key),
    reasonsBy(db, { ...filter, articles: page.rows }, 'article'),
  ])
  const ranked = page.rows.map((r) => ({
    ...articleRow(r),
    reasons: reasonsOf(reasons, reasonKeyOf(r.site, r.article)),
  }))
  const rows = withChanges(ranked, key, prev)
  const last = page.rows.at(-1)
  const nextCursor = page.more && last ? encodeCursor(q.sort, last.key) : null
  if (nextCursor !== null) c.header('Link', `<${nextPage(c.req.url, nextCursor)}>; rel="next"`)
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
    matched,
    rows,
    next_cursor: nextCursor,
  }
  return c.json(answer, 200)
}

/** The same request from the next page on, as a path and query (a Link header's target). */
function nextPage(url: string, cursor: string): string {
  const next = new URL(url)
  next.searchParams.set('cursor', cursor)
  return next.pathname + next.search
}
