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

const publishBody = z
  .strictObject({
    site: siteId,
    opd: opdSlug.nullish().transform((s) => s ?? null),
    period: periodField,
  })
  .openapi('PostAdminPublicationsBody')

const route = createRoute({
  method: 'post',
  path: '/',
  tags: ['Publications'],
  summary: 'Publish (freeze) a period’s figures',
  description: 'Admins for any scope, opd tokens for their own site or OPD.',
  ...access('token'),
  ...jsonRequest(publishBody),
  responses: {
    201: ok(ANSWERS.Publication),
    ...errors(
      ...RESTRICTED,
      ...BODY,
      'forbidden',
      'out_of_scope',
      'unknown_site',
      'unknown_opd',
      'period_not_over',
      'period_before_site',
      'nothing_to_publish',
      'already_published',
    ),
  },
})

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
  const { site, opd, period } = c.var.body
  const token = c.var.token
  if (token.role === 'opd') {
    if (token.site !== null && token.site !== site) {
      throw apiError('out_of_scope', `This token may publish only site ${token.site}`)
    }
    if (token.opd !== null && token.opd !== opd) {
      throw apiError('out_of_scope', `This token may publish only opd ${token.opd}`)
    }
  }
  const db = c.var.db
  await requireSiteAndOpd(db, site, opd ?? undefined)
  const now = new Date()
  const today = jakartaDay(now.getTime())
  if (!isOver(period, today)) {
    const message = `Period ${period.id} runs to ${period.to}; publish it from the day after`
    throw apiError('period_not_over', message)
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
