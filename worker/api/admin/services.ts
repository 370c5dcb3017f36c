import { createRoute, z } from '@hono/zod-openapi'
import { scopedFilter } from '../../auth/token'
import { isWithin } from '../../domain/regions/regions'
import { apiError } from '../../errors'
import { requireSiteAndOpd } from '../known-site'
import { type Wording, withWording } from '../../skm/questionnaire'
import { serviceSlug } from '../../skm/validation'
import { siteRegion } from '../../storage/region-stats'
import { listServices, putService, retireService, serviceOf } from '../../storage/skm-services'
import { displayName, opdSlug, siteId } from '../../validation/fields'
import { ADMIN, access, apiApp, BODY, errors, jsonRequest, ok, RESTRICTED } from '../operation'
import { opdKeeper, siteParam } from './sites'

// The services (layanan) of the official survey, per OPD (docs/contract.md §14, «Surfaces»):
// created or renamed with PUT, retired with DELETE, listed per site. Changes are an admin's or
// the OPD's own token's, as an OPD's category is (sites.ts `opdKeeper`).

const Service = z
  .strictObject({
    site: z.string(),
    opd: z.string(),
    slug: z.string(),
    name: z.string(),
    population: z.int().nullable(),
    wording: z
      .record(z.string(), z.strictObject({ id: z.string(), en: z.string().optional() }))
      .nullable(),
    created_at: z.int().describe('Milliseconds since 1970'),
    retired_at: z.int().nullable().describe('Milliseconds since 1970; null while in use'),
  })
  .openapi('SkmService')
const Services = z.strictObject({ services: z.array(Service) }).openapi('SkmServices')

const wording = z
  .unknown()
  .superRefine((value, ctx) => {
    if (value === null || value === undefined) return
    const checked = withWording(value)
    if (!checked.ok) ctx.addIssue({ code: 'custom', message: `wording: ${checked.problem}` })
  })
  .transform((value) => value as Wording | null | undefined)
  .describe(
    'Questions worded for this service, by element key: {"biaya": {"id": "…", "en"?: "…"}}. ' +
      'Only the wording of a question may change, never the nine elements or the 1–4 answers; ' +
      'null returns to the default questions, left out keeps them as they are.',
  )

const serviceBody = z.strictObject({
  name: displayName('name'),
  population: z
    .int({ error: 'population must be a whole number of service users per period' })
    .min(1, 'population must be at least 1')
    .max(1_000_000_000, 'population is at most 1,000,000,000')
    .nullable()
    .optional()
    .describe('Service users per survey period (the N of Krejcie–Morgan); null removes it'),
  wording: wording.optional(),
})

const serviceParams = z.object({ site: siteId, opd: opdSlug, service: serviceSlug })

const tags: ['Management'] = ['Management']
const putBody = jsonRequest(serviceBody, opdKeeper)

const putRoute = createRoute({
  method: 'put',
  path: '/{site}/opds/{opd}/services/{service}',
  tags,
  summary: 'Create or rename an SKM service',
  description:
    'For an admin, or the opd token of that OPD. A service slug is unique on its site (its ' +
    'survey page is /skm/{site}/{service}); a retired service given again is back in use.',
  ...access('token'),
  ...putBody,
  request: { params: serviceParams, ...putBody.request },
  responses: {
    200: ok(Service),
    ...errors(...ADMIN, ...BODY, 'unknown_site', 'unknown_opd', 'service_taken'),
  },
})

const retireRoute = createRoute({
  method: 'delete',
  path: '/{site}/opds/{opd}/services/{service}',
  tags,
  summary: 'Retire an SKM service',
  description:
    'It takes no more answers; those it has stay counted in their periods. For an admin, or ' +
    'the opd token of that OPD.',
  ...access('token'),
  middleware: [opdKeeper],
  request: { params: serviceParams },
  responses: {
    200: ok(Service),
    ...errors(...ADMIN, 'invalid_request', 'unknown_site', 'unknown_opd', 'unknown_service'),
  },
})

const listRoute = createRoute({
  method: 'get',
  path: '/{site}/services',
  tags,
  summary: 'The SKM services of a site',
  description: 'Retired ones too. An opd token sees its own OPD’s services.',
  ...access('token'),
  request: { params: siteParam },
  responses: {
    200: ok(Services),
    ...errors(...RESTRICTED, 'invalid_request', 'out_of_scope', 'unknown_site'),
  },
})

export const adminServicesRoute = apiApp()
  .openapi(putRoute, async (c) => {
    const { site, opd, service } = c.req.valid('param')
    const db = c.var.db
    await requireSiteAndOpd(db, site, opd)
    const body = c.var.body
    const was = await serviceOf(db, site, service)
    // Name, population and whether retired, as they were (null for a new service) and become;
    // a wording is logged only as changed or not, being long.
    const audit = {
      token: c.var.token,
      action: 'service.save' as const,
      site,
      target: `${opd}/${service}`,
      before: was && { name: was.name, population: was.population, retired_at: was.retired_at },
      after: {
        name: body.name,
        population: body.population === undefined ? (was?.population ?? null) : body.population,
        retired_at: null,
        ...(body.wording === undefined
          ? {}
          : { wording: body.wording === null ? 'default' : 'own' }),
      },
    }
    const row = await putService(db, { site, opd, slug: service, ...body }, Date.now(), audit)
    if (row === 'taken') {
      throw apiError('service_taken', `Another OPD of ${site} already has a service ${service}`)
    }
    return c.json(row, 200)
  })
  .openapi(retireRoute, async (c) => {
    const { site, opd, service } = c.req.valid('param')
    const db = c.var.db
    await requireSiteAndOpd(db, site, opd)
    const now = Date.now()
    const audit = {
      token: c.var.token,
      action: 'service.retire' as const,
      site,
      target: `${opd}/${service}`,
      before: { retired_at: null },
      after: { retired_at: now },
    }
    const row = await retireService(db, site, opd, service, now, audit)
    if (row === null) throw apiError('unknown_service', `OPD ${opd} has no service ${service}`)
    return c.json(row, 200)
  })
  .openapi(listRoute, async (c) => {
    const { site } = c.req.valid('param')
    const token = c.var.token
    const scope = scopedFilter(token, { site })
    const db = c.var.db
    await requireSiteAndOpd(db, site, undefined)
    if (token.role === 'provinsi' && !isWithin(await siteRegion(db, site), scope.region ?? '')) {
      throw apiError('out_of_scope', `This token may read only sites of region ${token.region}`)
    }
    return c.json({ services: await listServices(db, site, scope.opd) }, 200)
  })
