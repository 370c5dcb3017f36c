import * as z from 'zod'
import { publicCors } from './site-request'
import { vote } from '../hot-path/article'
import { newArticleKey, opdSlug, rating, reader, siteId, title } from '../validation/fields'
import { jsonBody } from '../validation/json-body'
import { factory } from '../env'

export const responseBody = z.object({
  site: siteId.optional(),
  opd: opdSlug,
  article: newArticleKey,
  title,
  rating,
  reader,
  // Signals of scripted answers (looksScripted in worker/abuse/limits.ts); optional for integrators.
  hp: z.string().max(200).optional(),
  elapsed_ms: z.number().nonnegative().optional(),
})

export const responsesRoute = factory
  .createApp()
  .use(publicCors)
  .post('/', jsonBody(responseBody), async (c) => {
    const request = { originSite: c.var.originSite, body: c.var.body, headers: c.req.raw.headers }
    return c.json((await vote(c.env, c.var.db, request)).summary)
  })
