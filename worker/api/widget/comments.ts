import { createRoute, z } from '@hono/zod-openapi'
import { looksScripted } from '../../abuse/limits'
import { onlyLinks, typedTooFast } from '../../domain/comments/comment-spam'
import { apiError } from '../../errors'
import { publicCors } from '../public-cors'
import { siteOf } from '../../hot-path/request-article'
import { articleKey, commentText, opdSlug, reader, siteId } from '../../validation/fields'
import { notifyCommentCreated } from '../../webhooks/detect'
import { recordFollowUp } from '../../hot-path/follow-up'
import { access, apiApp, BODY, errors, jsonRequest, noContent, WIDGET } from '../operation'

const commentBody = z
  .object({
    site: siteId.optional(),
    opd: opdSlug,
    article: articleKey,
    reader,
    text: commentText,
    // Signals of scripted comments, as for responses: optional for integrators.
    hp: z.string().max(200).optional(),
    elapsed_ms: z.number().nonnegative().optional(),
  })
  .openapi('PostCommentsBody')

const route = createRoute({
  method: 'post',
  path: '/',
  tags: ['Widget'],
  summary: 'Leave a comment after answering',
  description: 'Personal data is removed before anything is stored; spam is dropped with 204.',
  ...access('public'),
  ...jsonRequest(commentBody),
  responses: { 204: noContent, ...errors(...BODY, ...WIDGET, 'no_response') },
})

/**
 * POST /api/v1/comments — the optional follow-up «Apa yang bisa kami perbaiki?» (docs/comments.md). 204 when stored and 204 when dropped as spam, so a spammer learns
 * nothing; personal data is removed before anything is stored.
 */
export const commentsRoute = apiApp(publicCors).openapi(route, async (c) => {
  const body = c.var.body
  const site = await siteOf(c.var.db, c.var.originSite, { ...body, title: null })
  // Dropped before the reader's answer is even looked for, so a spammer learns nothing.
  if (looksScripted(body) || typedTooFast(body.text, body.elapsed_ms) || onlyLinks(body.text)) {
    return c.body(null, 204)
  }
  const { article, reader } = body
  const followUp = { site, opd: body.opd, article, reader, comment: body.text }
  const outcome = await recordFollowUp(c.env, c.var.db, followUp, (now) =>
    notifyCommentCreated(c, site, article, reader, now),
  )
  if (outcome === 'no_response') {
    throw apiError('no_response', 'A comment needs this reader’s answer on this article first')
  }
  return c.body(null, 204)
})
