import { createRoute, z } from '@hono/zod-openapi'
import { adminOnly } from '../../auth/bearer-auth'
import { apiError } from '../../errors'
import { forgetOpd } from '../../storage/sites'
import { changeArticles, flushFirst } from '../../hot-path/article'
import { deleteOpd, mergeOpd, moveArticle, opdArticleKeys } from '../../storage/opd-moves'
import { articleByKey } from '../../storage/stats'
import { articleKey, displayName, opdSlug } from '../../validation/fields'
import { requireSiteAndOpd } from '../known-site'
import { ADMIN, access, apiApp, BODY, errors, jsonRequest, noContent, ok } from '../operation'
import { count, nullableText } from '../schemas'
import { opdParams, siteParam } from './sites'

const mergeBody = z.strictObject({ into: opdSlug })
const articleChange = z
  .strictObject({
    article: articleKey,
    opd: opdSlug.optional(),
    title: displayName('title', 300).optional(),
  })
  .refine((b) => b.opd !== undefined || b.title !== undefined, 'give an opd or a title to change')

const Merge = z
  .strictObject({
    site: z.string(),
    from: z.string(),
    into: z.string(),
    articles: count,
    tokens: count,
    services: count,
  })
  .openapi('Merge')
const ArticleMove = z
  .strictObject({ site: z.string(), article: z.string(), opd: z.string(), title: nullableText })
  .openapi('ArticleMove')

const tags: ['Management'] = ['Management']
const mergeRequest = jsonRequest(mergeBody, adminOnly)
const articleRequest = jsonRequest(articleChange, adminOnly)

const deleteRoute = createRoute({
  method: 'delete',
  path: '/{site}/opds/{opd}',
  tags,
  summary: 'Delete an OPD that has no answers',
  ...access('admin'),
  middleware: [adminOnly],
  request: { params: opdParams },
  responses: {
    204: noContent,
    ...errors(...ADMIN, 'invalid_request', 'unknown_site', 'unknown_opd', 'opd_in_use'),
  },
})

const mergeRoute = createRoute({
  method: 'post',
  path: '/{site}/opds/{opd}/merge',
  tags,
  summary: 'Merge an OPD into another of the site',
  ...access('admin'),
  ...mergeRequest,
  request: { params: opdParams, ...mergeRequest.request },
  responses: { 200: ok(Merge), ...errors(...ADMIN, ...BODY, 'unknown_site', 'unknown_opd') },
})

const articleRoute = createRoute({
  method: 'patch',
  path: '/{site}/articles',
  tags,
  summary: 'Move an article to another OPD and/or correct its title',
  ...access('admin'),
  ...articleRequest,
  request: { params: siteParam, ...articleRequest.request },
  responses: {
    200: ok(ArticleMove),
    ...errors(...ADMIN, ...BODY, 'unknown_site', 'unknown_opd', 'unknown_article'),
  },
})

/**
 * Cleaning up OPDs and articles (docs/dashboard.md «Management»): delete a junk OPD slug, merge one
 * slug into another, move an article to another OPD or correct its title. Figures move with
 * them in one batch each (worker/storage/opd-moves.ts).
 */
export const adminMovesRoute = apiApp()
  .openapi(deleteRoute, async (c) => {
    const { site, opd } = c.req.valid('param')
    const db = c.var.db
    await requireSiteAndOpd(db, site, opd)
    const keys = await opdArticleKeys(db, site, opd)
    const audit = {
      token: c.var.token,
      action: 'opd.delete' as const,
      site,
      target: opd,
      before: { opd, articles: keys.length },
      after: null,
    }
    const { deleted, use } = await changeArticles(c.env, site, keys, () =>
      deleteOpd(db, site, opd, audit),
    )
    if (use === 'responses') {
      throw apiError('opd_in_use', `OPD ${opd} has answers; merge it into another OPD instead`)
    }
    if (use === 'tokens') {
      throw apiError(
        'opd_in_use',
        `Live tokens name OPD ${opd}; revoke them, or merge it into another OPD`,
      )
    }
    if (!deleted) throw apiError('unknown_opd', `Site ${site} has no OPD ${opd}`)
    // Its next first use (a page still embedding it) adds it again, counted from zero.
    forgetOpd(site, opd)
    return c.body(null, 204)
  })
  .openapi(mergeRoute, async (c) => {
    const { site, opd } = c.req.valid('param')
    const { into } = c.var.body
    if (into === opd) throw apiError('invalid_request', 'into: an OPD cannot be merged into itself')
    const db = c.var.db
    await requireSiteAndOpd(db, site, opd)
    await requireSiteAndOpd(db, site, into)
    const keys = await opdArticleKeys(db, site, opd)
    const audit = {
      token: c.var.token,
      action: 'opd.merge' as const,
      site,
      target: opd,
      before: { opd, articles: keys.length },
      after: { opd: into },
    }
    const moved = await changeArticles(c.env, site, keys, () =>
      mergeOpd(db, site, opd, into, audit),
    )
    if (moved === null)
      throw apiError('unknown_opd', `Site ${site} no longer has OPD ${opd} or ${into}`)
    forgetOpd(site, opd)
    return c.json({ site, from: opd, into, ...moved }, 200)
  })
  .openapi(articleRoute, async (c) => {
    const { site } = c.req.valid('param')
    const { article, opd, title } = c.var.body
    const db = c.var.db
    await requireSiteAndOpd(db, site, opd)
    // An article answered in the last seconds may be in its object only.
    await flushFirst(c.env, site, article)
    const was = await articleByKey(db, site, article)
    if (was === null) throw apiError('unknown_article', `Site ${site} has no article ${article}`)
    const audit = {
      token: c.var.token,
      action: 'article.move' as const,
      site,
      target: article,
      before: { opd: was.opd, title: was.title },
      after: { opd: opd ?? was.opd, title: title ?? was.title },
    }
    const row = await changeArticles(c.env, site, [article], () =>
      moveArticle(db, site, article, { opd, title }, audit),
    )
    if (row === null)
      throw apiError(
        'unknown_article',
        `Site ${site} no longer has article ${article} or OPD ${opd}`,
      )
    return c.json({ site, article, opd: row.opd, title: row.title }, 200)
  })
