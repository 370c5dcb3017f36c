import { Hono } from 'hono'
import { z } from 'zod'
import { database } from '../db/client'
import { jakartaDay } from '../domain/jakarta-day'
import { buildSummary } from '../domain/summary'
import type { Env } from '../env'
import { publicCors, type PublicVars } from '../sites/public-cors'
import { recordResponse } from '../storage/responses'
import { countsOf } from '../storage/counts-of'
import { articleKey, opdSlug, rating, reader, siteId, title } from '../validation/fields'
import { jsonBody } from '../validation/json-body'
import { articleRefFor } from './public-fields'

const responseBody = z.object({
  site: siteId.optional(),
  opd: opdSlug,
  article: articleKey,
  title,
  rating,
  reader,
})

export const responsesRoute = new Hono<{ Bindings: Env; Variables: PublicVars }>()
  .use(publicCors)
  .post('/', jsonBody(responseBody), async (c) => {
    const body = c.var.body
    const ref = await articleRefFor(c.env, c.var.originSite, body)
    const now = Date.now()
    const row = await recordResponse(database(c.env.DB), ref, body.reader, body.rating, now, jakartaDay(now))
    return c.json(
      buildSummary({
        site: ref.siteId,
        opd: row.opd,
        article: ref.key,
        counts: countsOf(row),
        views: row.views,
        yours: row.yours,
      }),
    )
  })
