import * as z from 'zod'
import { adminOnly } from '../auth/bearer-auth'
import { apiError } from '../errors'
import { siteExists } from '../storage/sites'
import { excludeFlagged } from '../hot-path/article'
import { flaggedArticles } from '../storage/spam'
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
    return c.json(await excludeFlagged(c.env, site, article))
  })
