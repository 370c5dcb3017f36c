import { createRoute, z } from '@hono/zod-openapi'
import { adminOnly } from '../../auth/bearer-auth'
import { apiError } from '../../errors'
import { appendAudit } from '../../storage/audit'
import { excludeFlagged } from '../../hot-path/article'
import { siteExists } from '../../storage/sites'
import { flaggedArticles } from '../../storage/spam'
import { articleKey, siteId } from '../../validation/fields'
import { ADMIN, access, apiApp, BODY, errors, jsonRequest, ok } from '../operation'
import { ANSWERS, count, nullableText } from '../schemas'

const listQuery = z.strictObject({ site: siteId.optional() })
const excludeBody = z.strictObject({ site: siteId, article: articleKey })

const Flagged = z
  .strictObject({
    rows: z.array(
      z.strictObject({
        site: z.string(),
        opd: z.string(),
        article: z.string(),
        title: nullableText,
        flagged: count,
      }),
    ),
  })
  .openapi('Flagged')
const Excluded = z.strictObject({ excluded: count, summary: ANSWERS.Summary }).openapi('Excluded')

const tags: ['Management'] = ['Management']

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Articles with responses flagged by the abuse limits',
  ...access('admin'),
  request: { query: listQuery },
  responses: { 200: ok(Flagged), ...errors(...ADMIN, 'invalid_request') },
})

const excludeRoute = createRoute({
  method: 'post',
  path: '/exclude',
  tags,
  summary: 'Exclude an article’s flagged responses from every figure',
  ...access('admin'),
  ...jsonRequest(excludeBody),
  responses: { 200: ok(Excluded), ...errors(...ADMIN, ...BODY, 'unknown_site') },
})

/**
 * Responses flagged by the abuse limits (worker/abuse/limits.ts) and the admin's action
 * that excludes them from every figure (an addition to docs/contract.md §5).
 */
export const adminFlaggedRoute = apiApp(adminOnly)
  .openapi(listRoute, async (c) => {
    const { site } = c.req.valid('query')
    return c.json({ rows: await flaggedArticles(c.var.db, site ?? null) }, 200)
  })
  .openapi(excludeRoute, async (c) => {
    const { site, article } = c.var.body
    const db = c.var.db
    if (!(await siteExists(db, site))) throw apiError('unknown_site', `No site is called ${site}`)
    const result = await excludeFlagged(c.env, site, article)
    // The answers live in the article's object, not in one D1 batch: logged once excluded.
    if (result.excluded > 0) {
      await appendAudit(db, {
        token: c.var.token,
        action: 'flagged.exclude',
        site,
        target: article,
        before: { flagged: result.excluded },
        after: { excluded: result.excluded },
      })
    }
    return c.json(result, 200)
  })
