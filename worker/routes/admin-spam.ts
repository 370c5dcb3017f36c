import * as z from 'zod'
import { adminOnly } from '../auth/bearer-auth'
import { apiError } from '../errors'
import { siteExists } from '../storage/sites'
import { readSummary, summaryFromRow } from '../storage/articles'
import { articleObject, hotPathOn } from '../hot-path/article-stub'
import { jakartaDay } from '../domain/days'
import { excludeFlagged, flaggedArticles } from '../storage/spam'
import { articleKey, siteId } from '../validation/fields'
import { jsonBody, parseOrThrow } from '../validation/json-body'
import { factory } from '../env'

export const listQuery = z.strictObject({ site: siteId.optional() })
export const excludeBody = z.strictObject({ site: siteId, article: articleKey })

/**
 * Responses flagged by the abuse limits (worker/abuse/limits.ts) and the admin's action
 * that excludes them from every figure (an addition to docs/contract.md §5).
 */
export const adminSpamRoute = factory
  .createApp()
  .use(adminOnly)
  .get('/', async (c) => {
    const { site } = parseOrThrow(listQuery, c.req.query())
    return c.json({ rows: await flaggedArticles(c.var.db, site ?? null) })
  })
  .post('/exclude', jsonBody(excludeBody), async (c) => {
    const { site, article } = c.var.body
    const db = c.var.db
    if (!(await siteExists(db, site))) throw apiError('unknown_site', `No site is called ${site}`)
    if (!hotPathOn(c.env)) {
      const excluded = await excludeFlagged(db, site, article)
      return c.json({ excluded, summary: await readSummary(db, site, article, null) })
    }
    // On the object path the object holds the answers: it excludes them, then flushes, so the
    // answer and D1 agree when this returns.
    const object = articleObject(c.env, site, article)
    const event = { siteId: site, key: article, opd: '', day: jakartaDay(Date.now()) }
    const excluded = await object.excludeFlagged(event)
    await object.flush()
    const row = await object.summary({ ...event, reader: null })
    return c.json({ excluded, summary: summaryFromRow(site, article, row) })
  })
