import { Hono } from 'hono'
import { z } from 'zod'
import type { AuthVars } from '../auth/bearer'
import { adminOnly } from '../auth/admin-only'
import { inScope } from '../auth/scope'
import { database } from '../db/client'
import type { Env } from '../env'
import { ApiError } from '../errors'
import { forgetOrigins } from '../sites/origins'
import { createSite, updateSite, upsertOpd } from '../storage/admin-sites'
import { siteDirectory } from '../storage/site-directory'
import { assertSiteAndOpd } from '../storage/stats'
import { opdSlug, siteId } from '../validation/fields'
import { jsonBody } from '../validation/json-body'
import { parseOrThrow } from '../validation/parse'
import { regionCode } from '../validation/region-fields'
import { displayName, origins } from './admin-fields'

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
const siteParam = z.object({ site: siteId })
const opdParams = z.object({ site: siteId, opd: opdSlug })

async function entry(db: ReturnType<typeof database>, id: string) {
  const [site] = await siteDirectory(db, id)
  if (!site) throw new ApiError(404, 'unknown_site', `No site is called ${id}`)
  return site
}

/**
 * Sites, their origins and OPDs (README addition to CONTRACT §5). Changes are the admin's;
 * the embed snippet is for anyone whose token covers the OPD.
 */
export const adminSitesRoute = new Hono<{ Bindings: Env; Variables: AuthVars }>()
  .get('/', adminOnly, async (c) => {
    return c.json({ sites: await siteDirectory(database(c.env.DB)) })
  })
  .post('/', adminOnly, jsonBody(newSite), async (c) => {
    const db = database(c.env.DB)
    await createSite(db, c.var.body, Date.now())
    forgetOrigins()
    return c.json(await entry(db, c.var.body.id), 201)
  })
  .get('/:site', adminOnly, async (c) => {
    const { site } = parseOrThrow(siteParam, c.req.param())
    return c.json(await entry(database(c.env.DB), site))
  })
  .patch('/:site', adminOnly, jsonBody(siteChange), async (c) => {
    const { site } = parseOrThrow(siteParam, c.req.param())
    const db = database(c.env.DB)
    await entry(db, site)
    await updateSite(db, site, c.var.body)
    // This isolate forgets cached origins now; others within the cache's TTL (origins.ts).
    forgetOrigins()
    return c.json(await entry(db, site))
  })
  .put('/:site/opds/:opd', adminOnly, jsonBody(opdBody), async (c) => {
    const { site, opd } = parseOrThrow(opdParams, c.req.param())
    const db = database(c.env.DB)
    await entry(db, site)
    await upsertOpd(db, site, opd, c.var.body.name, Date.now())
    return c.json({ site, slug: opd, name: c.var.body.name })
  })
  .get('/:site/opds/:opd/embed', async (c) => {
    const { site, opd } = parseOrThrow(opdParams, c.req.param())
    if (!inScope(c.var.token, site, opd)) throw new ApiError(403, 'out_of_scope', 'This token does not cover that OPD')
    await assertSiteAndOpd(database(c.env.DB), site, opd)
    const host = new URL(c.req.url).origin
    const html = `<div data-tanggapan data-opd="${opd}"></div>\n<script src="${host}/widget.js" async></script>`
    return c.json({ site, opd, html })
  })
