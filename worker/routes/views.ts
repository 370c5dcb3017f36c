import { Hono } from 'hono'
import { z } from 'zod'
import { database } from '../db/client'
import { jakartaDay } from '../domain/jakarta-day'
import type { Env } from '../env'
import { publicCors, type PublicVars } from '../sites/public-cors'
import { recordView } from '../storage/views'
import { articleKey, opdSlug, reader, siteId, title } from '../validation/fields'
import { jsonBody } from '../validation/json-body'
import { articleRefFor } from './public-fields'

const viewBody = z.object({ site: siteId.optional(), opd: opdSlug, article: articleKey, title, reader })

export const viewsRoute = new Hono<{ Bindings: Env; Variables: PublicVars }>()
  .use(publicCors)
  .post('/', jsonBody(viewBody), async (c) => {
    const body = c.var.body
    const ref = await articleRefFor(c.env, c.var.originSite, body)
    const now = Date.now()
    await recordView(database(c.env.DB), ref, body.reader, now, jakartaDay(now))
    return c.body(null, 204)
  })
