import type { Context } from 'hono'
import * as z from 'zod'
import { requestHashes, responseGuard, tooManyToday } from '../abuse/guards'
import { looksScripted } from '../abuse/limits'
import { jakartaDay } from '../domain/days'
import { articleRefFor, publicCors, siteOf } from './site-request'
import { summaryFromRow } from '../storage/articles'
import { guardKeys } from '../storage/address-guard'
import { articleObject, hotPathOn, liveSummary } from '../hot-path/article-stub'
import { recordResponse } from '../storage/responses'
import { newArticleKey, opdSlug, rating, reader, siteId, title } from '../validation/fields'
import { jsonBody } from '../validation/json-body'
import type { Summary } from '../domain/summary'
import type { Db } from '../db/client'
import { type Env, factory } from '../env'

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
    return c.json(await recordAnswer(c, db, siteId, body))
  })

/**
 * One reader's answer under every rule of the API (scripted answers dropped, the abuse
 * guards, the article's origin, the OPD's first use within its caps), and the summary after
 * it. The widget's POST and the no-script form (routes/tanggapi.ts) both answer through it.
 */
export async function recordAnswer(
  c: Context,
  db: Db,
  siteId: string,
  body: z.output<typeof responseBody>,
): Promise<Summary> {
  if (looksScripted(body)) {
    // Dropped silently: the script sees what a person would, and nothing is stored.
    const summary = await liveSummary(c.env as Env, db, siteId, body.article, null, body.opd)
    return { ...summary, yours: body.rating }
  }
  const now = Date.now()
  const day = jakartaDay(now)
  const env = c.env as Env
  const hashes = await requestHashes(env, db, c.req.raw.headers, day)
  const ref = await articleRefFor(c, db, siteId, body, hashes, now, day)
  const guard = responseGuard(hashes)
  const row = hotPathOn(env)
    ? await articleObject(env, siteId, ref.key).vote({
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
  return summaryFromRow(siteId, ref.key, row)
}
