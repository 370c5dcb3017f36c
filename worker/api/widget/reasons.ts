import { createRoute, z } from '@hono/zod-openapi'
import { REASON_KEYS } from '../../domain/comments/reasons'
import { apiError } from '../../errors'
import { articleKey, opdSlug, reader, siteId } from '../../validation/fields'
import { publicCors } from '../public-cors'
import { siteOf } from '../../hot-path/request-article'
import { recordFollowUp } from '../../hot-path/follow-up'
import { access, apiApp, BODY, errors, jsonRequest, noContent, WIDGET } from '../operation'

const reasonsBody = z
  .object({
    site: siteId.optional(),
    opd: opdSlug,
    article: articleKey,
    reader,
    reasons: z
      .array(z.enum(REASON_KEYS, { error: `Each reason must be one of ${REASON_KEYS.join(', ')}` }))
      .refine((keys) => new Set(keys).size === keys.length, 'Each reason may be given once'),
  })
  .openapi('PostReasonsBody')

const route = createRoute({
  method: 'post',
  path: '/',
  tags: ['Widget'],
  summary: 'A reader’s reasons («Apa yang kurang?»), replacing their earlier set',
  ...access('public'),
  ...jsonRequest(reasonsBody),
  responses: { 204: noContent, ...errors(...BODY, ...WIDGET, 'no_response') },
})

/**
 * POST /api/v1/reasons — «Apa yang kurang?» (docs/contract.md §9, docs/comments.md «Reasons»): the reader's set
 * replaces their earlier one on the article, under the comments' rules: only a reader who
 * answered the article (422 `no_response`), and a response excluded as spam gives none (204,
 * nothing stored, as for its comment).
 */
export const reasonsRoute = apiApp(publicCors).openapi(route, async (c) => {
  const body = c.var.body
  const db = c.var.db
  const site = await siteOf(db, c.var.originSite, { ...body, title: null })
  const followUp = { site, opd: body.opd, article: body.article, reader: body.reader }
  const outcome = await recordFollowUp(c.env, db, { ...followUp, reasons: body.reasons }, () => {})
  if (outcome === 'no_response') {
    throw apiError('no_response', 'Reasons need this reader’s answer on this article first')
  }
  return c.body(null, 204)
})
