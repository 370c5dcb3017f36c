import * as z from 'zod'
import { requestHashes, tooManyToday, viewGuard } from '../abuse/guards'
import { jakartaDay } from '../domain/days'
import { articleRefFor, publicCors, siteOf } from './site-request'
import { recordView } from '../storage/views'
import { guardKeys } from '../storage/address-guard'
import { articleObject, hotPathOn } from '../hot-path/article-stub'
import { newArticleKey, opdSlug, reader, siteId, title } from '../validation/fields'
import { jsonBody } from '../validation/json-body'
import { factory } from '../env'

export const viewBody = z.object({
  site: siteId.optional(),
  opd: opdSlug,
  article: newArticleKey,
  title,
  reader,
})

export const viewsRoute = factory
  .createApp()
  .use(publicCors)
  .post('/', jsonBody(viewBody), async (c) => {
    const body = c.var.body
    const db = c.var.db
    const siteId = await siteOf(db, c.var.originSite, body)
    const now = Date.now()
    const day = jakartaDay(now)
    const hashes = await requestHashes(c.env, db, c.req.raw.headers, day)
    const ref = await articleRefFor(c, db, siteId, body, hashes, now, day)
    const guard = viewGuard(hashes)
    const counted = hotPathOn(c.env)
      ? await articleObject(c.env, siteId, ref.key).view({
          ...ref,
          reader: body.reader,
          nowMs: now,
          day,
          guard,
          keys: guard && (await guardKeys(guard, siteId, ref.key)),
        })
      : await recordView(db, ref, body.reader, now, day, guard)
    if (!counted) throw tooManyToday(c, now, 'views')
    return c.body(null, 204)
  })
