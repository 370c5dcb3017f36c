import { createRoute, z } from '@hono/zod-openapi'
import { looksScripted } from '../../abuse/limits'
import { campaignKey, onlyLinks, typedTooFast } from '../../domain/comments/comment-spam'
import { jakartaDay } from '../../domain/calendar/days'
import { redactPersonalData } from '../../domain/comments/redact-personal-data'
import { apiError } from '../../errors'
import { publicCors } from '../public-cors'
import { siteOf } from '../../hot-path/request-article'
import { readerResponse, recordComment } from '../../storage/comments'
import { articleKey, commentText, opdSlug, reader, siteId } from '../../validation/fields'
import { sha256Hex } from '../../domain/crypto'
import { notifyCommentCreated } from '../../webhooks/detect'
import { flushReaderFirst } from '../../hot-path/article'
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
  // First, before any D1 statement: linear in the (at most 500-character) text, whatever it
  // holds. The campaign mark is of the text as stored, so numbers or addresses varied from
  // reader to reader neither hide a campaign nor leave a hash of personal data.
  const text = redactPersonalData(body.text)
  const db = c.var.db
  const siteId = await siteOf(db, c.var.originSite, { ...body, title: null })
  if (looksScripted(body) || typedTooFast(body.text, body.elapsed_ms) || onlyLinks(body.text)) {
    return c.body(null, 204)
  }
  await flushReaderFirst(c.env, db, siteId, body.article)
  const response = await readerResponse(db, siteId, body.article, body.reader)
  if (response === 'none') {
    throw apiError('no_response', 'A comment needs this reader’s answer on this article first')
  }
  if (response === 'spam') return c.body(null, 204)
  const key = campaignKey(text)
  const now = Date.now()
  const outcome = await recordComment(db, {
    siteId,
    article: body.article,
    reader: body.reader,
    text,
    campaign: key === null ? null : await sha256Hex(key),
    nowMs: now,
    day: jakartaDay(now),
  })
  if (outcome === 'no_response') {
    throw apiError('no_response', 'A comment needs this reader’s answer on this article first')
  }
  if (outcome === 'stored') notifyCommentCreated(c, siteId, body.article, body.reader, now)
  return c.body(null, 204)
})
