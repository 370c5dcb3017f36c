import { z } from 'zod'
import { requestHashes, responseGuard, tooManyToday } from '../abuse/guards'
import { looksScripted } from '../abuse/limits'
import { jakartaDay } from '../domain/days'
import { articleRefFor, publicCors, siteOf } from './site-request'
import { readSummary, summaryFromRow } from '../storage/articles'
import { guardKeys } from '../storage/address-guard'
import { articleObject, hotPathOn } from '../hot-path/article-stub'
import { recordResponse } from '../storage/responses'
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
    const body = c.var.body
    const db = c.var.db
    const siteId = await siteOf(db, c.var.originSite, body)
    const now = Date.now()
    const day = jakartaDay(now)
    const hot = hotPathOn(c.env)
    if (looksScripted(body)) {
      // Dropped silently: the script sees what a person would, and nothing is stored.
      const summary = hot
        ? summaryFromRow(
            siteId,
            body.article,
            await articleObject(c.env, siteId, body.article).summary({
              siteId,
              key: body.article,
              opd: body.opd,
              day,
              reader: null,
            }),
            body.opd,
          )
        : await readSummary(db, siteId, body.article, null, body.opd)
      return c.json({ ...summary, yours: body.rating })
    }
    const hashes = await requestHashes(c.env, db, c.req.raw.headers, day)
    const ref = await articleRefFor(c, db, siteId, body, hashes, now, day)
    const guard = responseGuard(hashes)
    const row = hot
      ? await articleObject(c.env, siteId, ref.key).vote({
          ...ref,
          reader: body.reader,
          rating: body.rating,
          nowMs: now,
          day,
          guard,
          keys: guard && (await guardKeys(guard, siteId, ref.key)),
        })
      : await recordResponse(db, ref, body.reader, body.rating, now, day, guard)
    if (!row || row.yours === null) throw tooManyToday(c, now, 'answers')
    return c.json(summaryFromRow(siteId, ref.key, row))
  })
