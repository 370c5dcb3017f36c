import * as z from 'zod'
import { adminOnly } from '../auth/bearer-auth'
import { apiError } from '../errors'
import { forgetOpd } from '../storage/sites'
import { changeArticles, flushFirst } from '../hot-path/article'
import { deleteOpd, mergeOpd, moveArticle, opdArticleKeys } from '../storage/opd-moves'
import { articleByKey } from '../storage/stats'
import { articleKey, displayName, opdSlug, siteId } from '../validation/fields'
import { jsonBody, parseOrThrow } from '../validation/json-body'
import { factory } from '../env'
import { requireSiteAndOpd } from './site-request'

const siteParam = z.object({ site: siteId })
const opdParams = z.object({ site: siteId, opd: opdSlug })
export const mergeBody = z.strictObject({ into: opdSlug })
export const articleChange = z
  .strictObject({
    article: articleKey,
    opd: opdSlug.optional(),
    title: displayName('title', 300).optional(),
  })
  .refine((b) => b.opd !== undefined || b.title !== undefined, 'give an opd or a title to change')

/**
 * Cleaning up OPDs and articles (docs/dashboard.md «Management»): delete a junk OPD slug, merge one
 * slug into another, move an article to another OPD or correct its title. Figures move with
 * them in one batch each (worker/storage/opd-moves.ts).
 */
export const adminMovesRoute = factory
  .createApp()
  .delete('/:site/opds/:opd', adminOnly, async (c) => {
    const { site, opd } = parseOrThrow(opdParams, c.req.param())
    const db = c.var.db
    await requireSiteAndOpd(db, site, opd)
    const keys = await opdArticleKeys(db, site, opd)
    const { deleted, use } = await changeArticles(c.env, site, keys, () => deleteOpd(db, site, opd))
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
  .post('/:site/opds/:opd/merge', adminOnly, jsonBody(mergeBody), async (c) => {
    const { site, opd } = parseOrThrow(opdParams, c.req.param())
    const { into } = c.var.body
    if (into === opd) throw apiError('invalid_request', 'into: an OPD cannot be merged into itself')
    const db = c.var.db
    await requireSiteAndOpd(db, site, opd)
    await requireSiteAndOpd(db, site, into)
    const keys = await opdArticleKeys(db, site, opd)
    const moved = await changeArticles(c.env, site, keys, () => mergeOpd(db, site, opd, into))
    if (moved === null)
      throw apiError('unknown_opd', `Site ${site} no longer has OPD ${opd} or ${into}`)
    forgetOpd(site, opd)
    return c.json({ site, from: opd, into, ...moved })
  })
  .patch('/:site/articles', adminOnly, jsonBody(articleChange), async (c) => {
    const { site } = parseOrThrow(siteParam, c.req.param())
    const { article, opd, title } = c.var.body
    const db = c.var.db
    await requireSiteAndOpd(db, site, opd)
    // An article answered in the last seconds may be in its object only.
    await flushFirst(c.env, site, article)
    if ((await articleByKey(db, site, article)) === null) {
      throw apiError('unknown_article', `Site ${site} has no article ${article}`)
    }
    const row = await changeArticles(c.env, site, [article], () =>
      moveArticle(db, site, article, { opd, title }),
    )
    if (row === null)
      throw apiError(
        'unknown_article',
        `Site ${site} no longer has article ${article} or OPD ${opd}`,
      )
    return c.json({ site, article, opd: row.opd, title: row.title })
  })
