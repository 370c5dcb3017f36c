import { createRoute, z } from '@hono/zod-openapi'
import { adminOnly } from '../../auth/bearer-auth'
import { inScope } from '../../auth/token'
import { apiError } from '../../errors'
import {
  createSite,
  forgetOrigins,
  setOpdCategory,
  type SiteConflict,
  siteDirectory,
  updateSite,
  upsertOpd,
} from '../../storage/sites'
import { displayName, opdSlug, origins, siteId } from '../../validation/fields'
import { parseOrThrow } from '../../validation/json-body'
import { regionCode } from '../../validation/region-fields'
import type { Db } from '../../db/client'
import { embedSnippet } from '../../domain/embedding/embed-snippet'
import { CATEGORY_KEYS, suggestCategory } from '../../domain/regions/opd-categories'
import { factory } from '../../env'
import { publicOrigin } from '../../public-origin'
import { requireSiteAndOpd } from '../known-site'
import { ADMIN, access, apiApp, BODY, errors, jsonRequest, ok, RESTRICTED } from '../operation'
import { category, nullableText, siteEntry } from '../schemas'

// Each OPD with the category its name suggests (docs/contract.md §13), so the dashboard can mark
// it in the category select without carrying the rules.
const managedSite = siteEntry.extend({
  opds: z.array(
    siteEntry.shape.opds.element.extend({
      suggested_category: category.describe('The category the OPD’s name (or slug) suggests'),
    }),
  ),
})
const Sites = z.strictObject({ sites: z.array(managedSite) }).openapi('Sites')
const Site = siteEntry.openapi('Site')
const Opd = z
  .strictObject({ site: z.string(), slug: z.string(), name: nullableText, category })
  .openapi('Opd')
const Embed = z
  .strictObject({ site: z.string(), opd: z.string(), html: z.string() })
  .openapi('Embed')

const newSite = z.strictObject({
  id: siteId,
  name: displayName('name'),
  origins: origins.default([]),
  region: regionCode.nullable().default(null),
})
// `region: null` takes a site's region away again.
const siteChange = z
  .strictObject({
    name: displayName('name').optional(),
    origins: origins.optional(),
    region: regionCode.nullable().optional(),
  })
  .refine(
    (b) => b.name !== undefined || b.origins !== undefined || b.region !== undefined,
    'give a name, origins or region to change',
  )
const opdBody = z.strictObject({ name: displayName('name') })
const opdChange = z.strictObject({
  category: z.enum(CATEGORY_KEYS, {
    error: 'category must be one of the keys GET /api/v1/categories lists',
  }),
})
export const siteParam = z.object({ site: siteId })
export const opdParams = z.object({ site: siteId, opd: opdSlug })

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
export const opdKeeper = factory.createMiddleware(async (c, next) => {
  const { site, opd } = parseOrThrow(opdParams, c.req.param())
  const token = c.var.token
  const own = token.role === 'opd' && token.site === site && inScope(token, site, opd)
  if (token.role !== 'admin' && !own) {
    throw apiError('forbidden', "Only an admin or this OPD's own token may change it")
  }
  await next()
})

const tags: ['Management'] = ['Management']
const siteChangeBody = jsonRequest(siteChange, adminOnly)
const opdNameBody = jsonRequest(opdBody, adminOnly)
const opdChangeBody = jsonRequest(opdChange, opdKeeper)

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Sites with their origins and OPDs, each OPD with its suggested category',
  ...access('admin'),
  middleware: [adminOnly],
  responses: { 200: ok(Sites), ...errors(...ADMIN) },
})

const createSiteRoute = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Register a site',
  description:
    'Origins are written as a browser sends them (`https://host[:port]`), or as one ' +
    'wildcard `https://*.kuduskab.go.id` for every subdomain (docs/dashboard.md «Wildcard origins»).',
  ...access('admin'),
  ...jsonRequest(newSite, adminOnly),
  responses: { 201: ok(Site), ...errors(...ADMIN, ...BODY, 'site_exists', 'origin_taken') },
})

const siteRoute = createRoute({
  method: 'get',
  path: '/{site}',
  tags,
  summary: 'One site',
  ...access('admin'),
  middleware: [adminOnly],
  request: { params: siteParam },
  responses: { 200: ok(Site), ...errors(...ADMIN, 'invalid_request', 'unknown_site') },
})

const changeSiteRoute = createRoute({
  method: 'patch',
  path: '/{site}',
  tags,
  summary: 'Rename a site, set its region or replace its origins',
  ...access('admin'),
  ...siteChangeBody,
  request: { params: siteParam, ...siteChangeBody.request },
  responses: {
    200: ok(Site),
    ...errors(...ADMIN, ...BODY, 'unknown_site', 'origin_taken'),
  },
})

const putOpdRoute = createRoute({
  method: 'put',
  path: '/{site}/opds/{opd}',
  tags,
  summary: 'Add an OPD or give it its display name',
  ...access('admin'),
  ...opdNameBody,
  request: { params: opdParams, ...opdNameBody.request },
  responses: { 200: ok(Opd), ...errors(...ADMIN, ...BODY, 'unknown_site') },
})

const categoryRoute = createRoute({
  method: 'patch',
  path: '/{site}/opds/{opd}',
  tags,
  summary: 'File an OPD under another category',
  description: 'For an admin, or an opd token of the site that covers the OPD.',
  ...access('token'),
  ...opdChangeBody,
  request: { params: opdParams, ...opdChangeBody.request },
  responses: {
    200: ok(Opd),
    ...errors(...ADMIN, ...BODY, 'unknown_site', 'unknown_opd'),
  },
})

const embedRoute = createRoute({
  method: 'get',
  path: '/{site}/opds/{opd}/embed',
  tags,
  summary: 'The embed snippet of an OPD',
  description: 'For any token that covers the OPD.',
  ...access('token'),
  request: { params: opdParams },
  responses: {
    200: ok(Embed),
    ...errors(...RESTRICTED, 'invalid_request', 'out_of_scope', 'unknown_site', 'unknown_opd'),
  },
})

/**
 * Sites, their origins and OPDs (an addition to docs/contract.md §5). Changes are the admin's;
 * the embed snippet is for anyone whose token covers the OPD.
 */
export const adminSitesRoute = apiApp()
  .openapi(listRoute, async (c) => {
    const sites = (await siteDirectory(c.var.db)).map((s) => ({
      ...s,
      opds: s.opds.map((o) => ({ ...o, suggested_category: suggestCategory(o.name, o.slug) })),
    }))
    return c.json({ sites }, 200)
  })
  .openapi(createSiteRoute, async (c) => {
    const db = c.var.db
    const body = c.var.body
    const audit = {
      token: c.var.token,
      action: 'site.create' as const,
      site: body.id,
      target: body.id,
      before: null,
      after: { name: body.name, origins: body.origins, region: body.region },
    }
    const conflict = await createSite(db, body, Date.now(), audit)
    if (conflict) throw conflictError(conflict)
    forgetOrigins()
    return c.json(await entry(db, c.var.body.id), 201)
  })
  .openapi(siteRoute, async (c) => {
    const { site } = c.req.valid('param')
    return c.json(await entry(c.var.db, site), 200)
  })
  .openapi(changeSiteRoute, async (c) => {
    const { site } = c.req.valid('param')
    const db = c.var.db
    const was = await entry(db, site)
    const change = c.var.body
    const audit = {
      token: c.var.token,
      action: 'site.update' as const,
      site,
      target: site,
      // Only the fields the change names, as they were and as they become.
      before: Object.fromEntries(
        Object.keys(change).map((k) => [k, was[k as keyof typeof change]]),
      ),
      after: change,
    }
    const conflict = await updateSite(db, site, change, audit)
    if (conflict) throw conflictError(conflict)
    // This isolate forgets cached origins now; others within the cache's TTL (storage/sites.ts).
    forgetOrigins()
    return c.json(await entry(db, site), 200)
  })
  .openapi(putOpdRoute, async (c) => {
    const { site, opd } = c.req.valid('param')
    const db = c.var.db
    const was = (await entry(db, site)).opds.find((o) => o.slug === opd)
    const { name } = c.var.body
    const audit = {
      token: c.var.token,
      action: 'opd.save' as const,
      site,
      target: opd,
      before: was === undefined ? null : { name: was.name },
      after: { name },
    }
    return c.json({ site, ...(await upsertOpd(db, site, opd, name, Date.now(), audit)) }, 200)
  })
  .openapi(categoryRoute, async (c) => {
    const { site, opd } = c.req.valid('param')
    const db = c.var.db
    const was = (await entry(db, site)).opds.find((o) => o.slug === opd)
    const { category } = c.var.body
    const audit = {
      token: c.var.token,
      action: 'opd.category' as const,
      site,
      target: opd,
      before: { category: was?.category ?? null },
      after: { category },
    }
    const row = await setOpdCategory(db, site, opd, category, audit)
    if (row === null) throw apiError('unknown_opd', `Site ${site} has no OPD ${opd}`)
    return c.json({ site, ...row }, 200)
  })
  .openapi(embedRoute, async (c) => {
    const { site, opd } = c.req.valid('param')
    if (!inScope(c.var.token, site, opd))
      throw apiError('out_of_scope', 'This token does not cover that OPD')
    await requireSiteAndOpd(c.var.db, site, opd)
    const host = publicOrigin(c)
    return c.json({ site, opd, html: embedSnippet(host, site, opd) }, 200)
  })
