import * as z from 'zod'
import { adminOnly } from '../auth/bearer-auth'
import { inScope } from '../auth/token'
import { apiError } from '../errors'
import {
  createSite,
  forgetOrigins,
  setOpdCategory,
  type SiteConflict,
  siteDirectory,
  updateSite,
  upsertOpd,
} from '../storage/sites'
import { displayName, opdSlug, origins, siteId } from '../validation/fields'
import { jsonBody, parseOrThrow } from '../validation/json-body'
import { regionCode } from '../validation/region-fields'
import type { Db } from '../db/client'
import { embedSnippet } from '../domain/embedding/embed-snippet'
import { CATEGORY_KEYS } from '../domain/regions/opd-categories'
import { factory } from '../env'
import { publicOrigin } from '../public-origin'
import { requireSiteAndOpd } from './site-request'

export const newSite = z.strictObject({
  id: siteId,
  name: displayName('name'),
  origins: origins.default([]),
  region: regionCode.nullable().default(null),
})
// `region: null` takes a site's region away again.
export const siteChange = z
  .strictObject({
    name: displayName('name').optional(),
    origins: origins.optional(),
    region: regionCode.nullable().optional(),
  })
  .refine(
    (b) => b.name !== undefined || b.origins !== undefined || b.region !== undefined,
    'give a name, origins or region to change',
  )
export const opdBody = z.strictObject({ name: displayName('name') })
export const opdChange = z.strictObject({
  category: z.enum(CATEGORY_KEYS, {
    error: 'category must be one of the keys GET /api/v1/categories lists',
  }),
})
const siteParam = z.object({ site: siteId })
const opdParams = z.object({ site: siteId, opd: opdSlug })

async function entry(db: Db, id: string) {
  const [site] = await siteDirectory(db, id)
  if (!site) throw apiError('unknown_site', `No site is called ${id}`)
  return site
}

function conflictError(conflict: SiteConflict) {
  if (conflict.code === 'site_exists') {
    return apiError('site_exists', `A site called ${conflict.site} already exists`)
  }
  return apiError(
    'origin_taken',
    `${conflict.origin} is already registered for site ${conflict.site}`,
  )
}

/**
 * An admin, or an opd token of the site that covers this OPD (docs/contract.md §13: the OPD files
 * itself); checked before the body is read, so a refused request reads nothing.
 */
const opdKeeper = factory.createMiddleware(async (c, next) => {
  const { site, opd } = parseOrThrow(opdParams, c.req.param())
  const token = c.var.token
  const own = token.role === 'opd' && token.site === site && inScope(token, site, opd)
  if (token.role !== 'admin' && !own) {
    throw apiError('forbidden', "Only an admin or this OPD's own token may change it")
  }
  await next()
})

/**
 * Sites, their origins and OPDs (an addition to docs/contract.md §5). Changes are the admin's;
 * the embed snippet is for anyone whose token covers the OPD.
 */
export const adminSitesRoute = factory
  .createApp()
  .get('/', adminOnly, async (c) => {
    return c.json({ sites: await siteDirectory(c.var.db) })
  })
  .post('/', adminOnly, jsonBody(newSite), async (c) => {
    const db = c.var.db
    const conflict = await createSite(db, c.var.body, Date.now())
    if (conflict) throw conflictError(conflict)
    forgetOrigins()
    return c.json(await entry(db, c.var.body.id), 201)
  })
  .get('/:site', adminOnly, async (c) => {
    const { site } = parseOrThrow(siteParam, c.req.param())
    return c.json(await entry(c.var.db, site))
  })
  .patch('/:site', adminOnly, jsonBody(siteChange), async (c) => {
    const { site } = parseOrThrow(siteParam, c.req.param())
    const db = c.var.db
    await entry(db, site)
    const conflict = await updateSite(db, site, c.var.body)
    if (conflict) throw conflictError(conflict)
    // This isolate forgets cached origins now; others within the cache's TTL (storage/sites.ts).
    forgetOrigins()
    return c.json(await entry(db, site))
  })
  .put('/:site/opds/:opd', adminOnly, jsonBody(opdBody), async (c) => {
    const { site, opd } = parseOrThrow(opdParams, c.req.param())
    const db = c.var.db
    await entry(db, site)
    return c.json({ site, ...(await upsertOpd(db, site, opd, c.var.body.name, Date.now())) })
  })
  .patch('/:site/opds/:opd', opdKeeper, jsonBody(opdChange), async (c) => {
    const { site, opd } = parseOrThrow(opdParams, c.req.param())
    const db = c.var.db
    await entry(db, site)
    const row = await setOpdCategory(db, site, opd, c.var.body.category)
    if (row === null) throw apiError('unknown_opd', `Site ${site} has no OPD ${opd}`)
    return c.json({ site, ...row })
  })
  .get('/:site/opds/:opd/embed', async (c) => {
    const { site, opd } = parseOrThrow(opdParams, c.req.param())
    if (!inScope(c.var.token, site, opd))
      throw apiError('out_of_scope', 'This token does not cover that OPD')
    await requireSiteAndOpd(c.var.db, site, opd)
    const host = publicOrigin(c)
    return c.json({ site, opd, html: embedSnippet(host, site, opd) })
  })
