import { createRoute } from '@hono/zod-openapi'
import { z } from '@hono/zod-openapi'
import { vote } from '../../hot-path/article'
import { publicCors } from '../public-cors'
import { newArticleKey, opdSlug, rating, reader, siteId, title } from '../../validation/fields'
import { access, apiApp, BODY, errors, jsonRequest, ok, WIDGET } from '../operation'
import { ANSWERS } from '../schemas'

/** A reader's answer; the no-script page (routes/tanggapi.ts) reads the same fields. */
export const responseBody = z
  .object({
    site: siteId.optional(),
    opd: opdSlug,
    article: newArticleKey,
    title,
    rating,
    reader,
    // Signals of scripted answers (looksScripted in worker/abuse/limits.ts).
    hp: z.string().max(200).optional(),
    elapsed_ms: z.number().nonnegative().optional(),
  })
  .openapi('PostResponsesBody')

const route = createRoute({
  method: 'post',
  path: '/',
  tags: ['Widget'],
  summary: 'Record a reader’s answer',
  description:
    'One reader, one response per article: answering again replaces the earlier rating. ' +
    'The body may be sent as application/json or text/plain (no CORS preflight).',
  ...access('public'),
  ...jsonRequest(responseBody),
  responses: {
    200: ok(ANSWERS.Summary),
    ...errors(...BODY, ...WIDGET, 'article_not_registered', 'placeholder_article', 'too_many_opds'),
  },
})

export const responsesRoute = apiApp(publicCors).openapi(route, async (c) => {
  const request = { originSite: c.var.originSite, body: c.var.body, headers: c.req.raw.headers }
  return c.json((await vote(c.env, c.var.db, request)).summary, 200)
})
