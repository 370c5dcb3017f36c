import { Hono } from 'hono'
import { z } from 'zod'
import type { AuthVars } from '../auth/bearer'
import { scopedFilter } from '../auth/scope'
import { database } from '../db/client'
import { toCsv } from '../domain/csv'
import { ratingKey, type RatingValue, zeroCounts } from '../domain/rating-scale'
import type { Env } from '../env'
import { ApiError } from '../errors'
import { COMMENT_STATUSES, listComments } from '../storage/comments-list'
import { assertSiteAndOpd } from '../storage/stats-lookups'
import { articleKey } from '../validation/fields'
import { parseOrThrow } from '../validation/parse'
import { checkRange, rowLimit, statsFields } from './stats-query'
import { fileName } from './stats-respond'

export const MAX_COMMENT_LIMIT = 5000

const query = z.strictObject({
  ...statsFields,
  article: articleKey.optional(),
  rating: z
    .enum(['1', '2', '3', '4'], { error: 'rating must be a whole number from 1 to 4' })
    .transform(Number)
    .optional(),
  status: z
    .enum(COMMENT_STATUSES, { error: `status must be one of ${COMMENT_STATUSES.join(', ')}` })
    .default('visible'),
  limit: rowLimit(MAX_COMMENT_LIMIT, 500),
})

const CSV_COLUMNS = ['id', 'site', 'opd', 'article', 'title', 'rating', 'rating_key', 'day', 'handled', 'text']

/**
 * GET /api/v1/stats/comments — the readers' comments with their current rating, newest
 * first, filtered like the statistics plus `article`, `rating` and `status` (README,
 * «Comments / Komentar»). Hidden comments are listed only when asked for, and never in CSV.
 */
export const statsCommentsRoute = new Hono<{ Bindings: Env; Variables: AuthVars }>().get('/', async (c) => {
  const q = parseOrThrow(query, c.req.query())
  checkRange(q.from, q.to)
  if (q.article !== undefined && q.site === undefined && c.var.token.site === null) {
    throw new ApiError(400, 'invalid_request', 'article needs site')
  }
  if (q.format === 'csv' && q.status === 'hidden') {
    throw new ApiError(400, 'invalid_request', 'Comments hidden as spam are not exported')
  }
  const scope = scopedFilter(c.var.token, { site: q.site, opd: q.opd })
  const db = database(c.env.DB)
  await assertSiteAndOpd(db, scope.site, scope.opd)
  const filter = { ...scope, article: q.article, rating: q.rating, from: q.from, to: q.to, status: q.status }
  const rows = (await listComments(db, filter, q.limit)).map((r) => ({
    ...r,
    rating_key: ratingKey(r.rating as RatingValue),
    handled: r.handled === 1,
    hidden: r.hidden === 1,
  }))
  if (q.format === 'csv') {
    const csv = toCsv(
      CSV_COLUMNS,
      rows.map((r) => [r.id, r.site, r.opd, r.article, r.title, r.rating, r.rating_key, r.day, r.handled, r.text]),
    )
    const name = fileName('comments', [filter.site, filter.opd, q.from, q.to])
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8; header=present',
      'Content-Disposition': `attachment; filename="tanggapan-${name}.csv"`,
    })
  }
  const counts = zeroCounts()
  for (const r of rows) counts[r.rating_key]++
  return c.json({ counts, total: rows.length, rows })
})
