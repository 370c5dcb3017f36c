import { createRoute, z } from '@hono/zod-openapi'
import { jakartaDay } from '../../domain/calendar/days'
import { isOver } from '../../domain/calendar/periods'
import type { AppEnv } from '../../env'
import { apiError } from '../../errors'
import { requireSiteAndOpd } from '../known-site'
import { isPublished, publish, siteRegisteredAt } from '../../storage/publications'
import { opdSlug, siteId } from '../../validation/fields'
import { periodField } from '../../validation/period'
import type { MiddlewareHandler } from 'hono'
import { access, apiApp, BODY, errors, jsonRequest, ok, RESTRICTED } from '../operation'
import { ANSWERS } from '../schemas'
import { skmPublication } from '../skm/publication-answer'
import type { Db } from '../../db/client'
import { MAX_RTL_ROWS, type Mengetahui, mengetahui, rtlRow } from '../../skm/publication'
import { serviceSlug } from '../../skm/validation'
import { serviceOf } from '../../storage/skm-services'
import { isSkmPublished, publishSkm } from '../../storage/skm-publications'

const SKM_ONLY = ['service', 'rtl', 'mengetahui'] as const

const publishBody = z
  .strictObject({
    kind: z
      .enum(['ikm', 'skm'], { error: 'kind must be ikm or skm' })
      .default('ikm')
      .describe('ikm: the news box’s indicative index (§8); skm: the official survey (§14)'),
    site: siteId,
    opd: opdSlug.nullish().transform((s) => s ?? null),
    service: serviceSlug.optional().describe('kind skm: one service (its OPD is implied)'),
    period: periodField,
    rtl: z
      .array(rtlRow)
      .min(1, 'rtl needs at least one row: the OPD’s rencana tindak lanjut')
      .max(MAX_RTL_ROWS, `rtl has at most ${MAX_RTL_ROWS} rows`)
      .optional()
      .describe('kind skm, required: element, programme or activity, time, person in charge'),
    mengetahui: mengetahui.optional().describe('kind skm, required: name, position, NIP'),
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'skm') {
      for (const field of ['rtl', 'mengetahui'] as const) {
        if (b[field] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: `${field} is required for kind skm`,
          })
        }
      }
      return
    }
    for (const field of SKM_ONLY) {
      if (b[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `${field} belongs to kind skm` })
      }
    }
  })
  .openapi('PostAdminPublicationsBody')

const route = createRoute({
  method: 'post',
  path: '/',
  tags: ['Publications'],
  summary: 'Publish (freeze) a period’s figures',
  description:
    'Admins for any scope, opd tokens for their own site or OPD. `kind: skm` freezes the ' +
    'official survey of a service, OPD or site with its rencana tindak lanjut and signatory.',
  ...access('token'),
  ...jsonRequest(publishBody),
  responses: {
    201: ok(z.union([ANSWERS.Publication, skmPublication])),
    ...errors(
      ...RESTRICTED,
      ...BODY,
      'forbidden',
      'out_of_scope',
      'unknown_site',
      'unknown_opd',
      'unknown_service',
      'period_not_over',
      'period_before_site',
      'nothing_to_publish',
      'already_published',
    ),
  },
})

/** The named service of the site (and of the OPD, when one is named too), else 404. */
async function knownService(db: Db, site: string, opd: string | null, slug: string) {
  const service = await serviceOf(db, site, slug)
  if (service === null || (opd !== null && service.opd !== opd)) {
    const where = opd === null ? site : `${site}/${opd}`
    throw apiError('unknown_service', `${where} has no service ${slug}`)
  }
  return service
}

/** `kominfo` and `provinsi` tokens read publications only: refused before the body is read. */
const mayPublish: MiddlewareHandler<AppEnv> = async (c, next) => {
  const role = c.var.token.role
  if (role === 'kominfo' || role === 'provinsi') {
    throw apiError('forbidden', `A ${role} token reads publications but may not publish`)
  }
  await next()
}

/**
 * `POST /api/v1/admin/publications`: an admin publishes any scope, an `opd` token only its
 * own site (or its own OPD, named explicitly: a write never narrows a scope silently).
 */
export const adminPublicationsRoute = apiApp(mayPublish).openapi(route, async (c) => {
  const { kind, site, period } = c.var.body
  const db = c.var.db
  let opd = c.var.body.opd
  const service =
    kind === 'skm' && c.var.body.service !== undefined
      ? await knownService(db, site, opd, c.var.body.service)
      : null
  // A service names its OPD: the scope checks below then hold for it.
  if (service !== null) opd = service.opd
  const token = c.var.token
  if (token.role === 'opd') {
    if (token.site !== null && token.site !== site) {
      throw apiError('out_of_scope', `This token may publish only site ${token.site}`)
    }
    if (token.opd !== null && token.opd !== opd) {
      throw apiError('out_of_scope', `This token may publish only opd ${token.opd}`)
    }
  }
  await requireSiteAndOpd(db, site, opd ?? undefined)
  const now = new Date()
  const today = jakartaDay(now.getTime())
  if (!isOver(period, today)) {
    const message = `Period ${period.id} runs to ${period.to}; publish it from the day after`
    throw apiError('period_not_over', message)
  }
  if (kind === 'skm') {
    const { rtl, mengetahui } = c.var.body
    const scope = { site, opd, service, period }
    const what =
      service !== null ? `service ${service.slug}` : opd === null ? `site ${site}` : `opd ${opd}`
    const taken = () =>
      apiError('already_published', `The SKM of ${period.id} of ${what} is already published`)
    if (await isSkmPublished(db, scope)) throw taken()
    const entered = { rtl: rtl ?? [], mengetahui: mengetahui as Mengetahui }
    const outcome = await publishSkm(db, scope, entered, now, {
      token,
      action: 'publication.create',
    })
    if (!outcome.ok && outcome.reason === 'nothing_to_publish') {
      throw apiError('nothing_to_publish', `${what} has no SKM respondent in ${period.id}`)
    }
    if (!outcome.ok) throw taken()
    return c.body(outcome.text, 201, {
      'Content-Type': 'application/json; charset=UTF-8',
    }) as never
  }
  // Days before the site was registered hold no answer the widget gathered: a publication of
  // them would freeze zeros (or figures loaded from elsewhere) under the site's name.
  const registered = jakartaDay((await siteRegisteredAt(db, site)) ?? 0)
  if (period.to < registered) {
    const message = `Period ${period.id} ended on ${period.to}, before site ${site} was registered on ${registered}`
    throw apiError('period_before_site', message)
  }
  const scope = { site, opd, period }
  const taken = () => {
    const what = opd === null ? `site ${site}` : `opd ${opd} of site ${site}`
    return apiError('already_published', `${period.id} of ${what} is already published`)
  }
  if (await isPublished(db, scope)) throw taken()
  const outcome = await publish(db, scope, now, { token, action: 'publication.create' })
  if (!outcome.ok && outcome.reason === 'nothing_to_publish') {
    const what = opd === null ? `site ${site}` : `opd ${opd} of site ${site}`
    throw apiError('nothing_to_publish', `${what} has no answer in ${period.id}`)
  }
  if (!outcome.ok) throw taken()
  // The text as frozen, never serialized again: readers check it against its sha256.
  return c.body(outcome.text, 201, {
    'Content-Type': 'application/json; charset=UTF-8',
  }) as never
})
