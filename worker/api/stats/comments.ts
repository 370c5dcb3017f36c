import { createRoute, type RouteHandler, z } from '@hono/zod-openapi'
import { ratingKey, type RatingValue, zeroCounts } from '../../domain/figures/rating-scale'
import type { AppEnv } from '../../env'
import { apiError } from '../../errors'
import {
  COMMENT_STATUSES,
  type CommentRow,
  followUpCounts,
  listComments,
} from '../../storage/comments-list'
import { articleKey } from '../../validation/fields'
import { access, DOWNLOAD_NOTE, errors, okOrDownload } from '../operation'
import { ANSWERS } from '../schemas'
import { download, fileName } from './download'
import { downloadFields, rowLimit, STATS, statsFields, statsRequest } from './request'

const MAX_COMMENT_LIMIT = 5000

const commentsQuery = z.strictObject({
  ...statsFields,
  ...downloadFields,
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

/**
 * The readers' comments with their current rating, newest first, filtered like the
 * statistics plus `article`, `rating` and `status` (docs/comments.md). Hidden
 * comments are listed only when asked for, and never in a download.
 */
export const comments = createRoute({
  method: 'get',
  path: '/comments',
  tags: ['Statistics'],
  summary: 'Readers’ comments, newest first',
  description: `${DOWNLOAD_NOTE} Comments hidden as spam are never exported.`,
  ...access('token'),
  request: { query: commentsQuery },
  responses: { 200: okOrDownload(ANSWERS.CommentRows), ...errors(...STATS) },
})

const CSV_COLUMNS = [
  'id',
  'site',
  'opd',
  'article',
  'title',
  'rating',
  'rating_key',
  'day',
  'status',
  'hours_to_done',
  'lapor_tracking_id',
  'text',
  'reply',
  'note',
] as const

export const commentsHandler: RouteHandler<typeof comments, AppEnv> = async (c) => {
  const token = c.var.token
  const { q, filter } = await statsRequest(c.var, c.req.valid('query'), {
    opd: true,
    check: (q) => {
      if (q.article !== undefined && q.site === undefined && token.site === null) {
        throw apiError('invalid_request', 'article needs site')
      }
      if (q.format !== 'json' && q.status === 'hidden') {
        throw apiError('invalid_request', 'Comments hidden as spam are not exported')
      }
    },
  })
  const which = { ...filter, article: q.article, rating: q.rating, status: q.status }
  const [listed, follow_up] = await Promise.all([
    listComments(c.var.db, which, q.limit),
    followUpCounts(c.var.db, which),
  ])
  const rows = listed.map(commentAnswer)
  if (q.format !== 'json') {
    const csvName = fileName('comments', filter)
    const subject = {
      kind: 'comments' as const,
      csvName,
      ...filter,
      article: q.article,
      period: q.period,
    }
    return download(
      c,
      q,
      subject,
      CSV_COLUMNS,
      rows.map((r) => CSV_COLUMNS.map((k) => r[k])),
    )
  }
  const counts = zeroCounts()
  for (const r of rows) counts[r.rating_key]++
  return c.json({ counts, total: rows.length, follow_up, rows }, 200)
}

function commentAnswer(r: CommentRow) {
  return { ...r, rating_key: ratingKey(r.rating as RatingValue), hidden: r.hidden === 1 }
}
