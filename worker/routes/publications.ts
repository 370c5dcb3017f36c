import { cors } from 'hono/cors'
import * as z from 'zod'
import { jakartaDay } from '../domain/calendar/days'
import { isOver } from '../domain/calendar/periods'
import { factory } from '../env'
import { apiError } from '../errors'
import {
  isPublished,
  listPublications,
  publicationText,
  publish,
  siteRegisteredAt,
} from '../storage/publications'
import { opdSlug, siteId } from '../validation/fields'
import { jsonBody, parseOrThrow } from '../validation/json-body'
import { periodField } from '../validation/period'
import { requireSiteAndOpd } from './site-request'

// Publications (docs/contract.md §8; docs/publications.md): publishing is restricted,
// reading is public.

export const publishBody = z.strictObject({
  site: siteId,
  opd: opdSlug.nullish().transform((s) => s ?? null),
  period: periodField,
})

/**
 * `POST /api/v1/admin/publications`: an admin publishes any scope, an `opd` token only its
 * own site (or its own OPD, named explicitly: a write never narrows a scope silently), and
 * `kominfo` and `provinsi` read only. The role is checked before the body is read.
 */
export const adminPublicationsRoute = factory
  .createApp()
  .use(async (c, next) => {
    const role = c.var.token.role
    if (role === 'kominfo' || role === 'provinsi') {
      throw apiError('forbidden', `A ${role} token reads publications but may not publish`)
    }
    await next()
  })
  .post('/', jsonBody(publishBody), async (c) => {
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
    const outcome = await publish(db, scope, now)
    if (!outcome.ok && outcome.reason === 'nothing_to_publish') {
      const what = opd === null ? `site ${site}` : `opd ${opd} of site ${site}`
      throw apiError('nothing_to_publish', `${what} has no answer in ${period.id}`)
    }
    if (!outcome.ok) throw taken()
    return c.body(outcome.text, 201, { 'Content-Type': 'application/json; charset=UTF-8' })
  })

export const listQuery = z.strictObject({ site: siteId })
export const publicationId = z.string().regex(/^pub_[0-9a-f]{16}$/)

/**
 * `GET /api/v1/public/publications?site=` and `…/:id`: no token, readable from any page
 * (CORS `*`). A publication never changes, so its text may be cached for good.
 */
export const publicPublicationsRoute = factory
  .createApp()
  .use(cors({ origin: '*', allowMethods: ['GET'] }))
  .get('/', async (c) => {
    const { site } = parseOrThrow(listQuery, c.req.query())
    const db = c.var.db
    await requireSiteAndOpd(db, site, undefined)
    c.header('Cache-Control', 'public, max-age=60')
    return c.json({ site, rows: await listPublications(db, site) })
  })
  .get('/:id', async (c) => {
    const id = c.req.param('id')
    const text = publicationId.safeParse(id).success ? await publicationText(c.var.db, id) : null
    if (text === null) {
      throw apiError('unknown_publication', `No publication has the id ${id}`)
    }
    return c.body(text, 200, {
      'Content-Type': 'application/json; charset=UTF-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
    })
  })
