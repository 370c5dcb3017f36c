import * as z from 'zod'
import { beaconGuard, requestHashes, tooManyToday } from '../abuse/guards'
import { jakartaDay } from '../domain/calendar/days'
import { WIDGET_ERROR_CODES } from '../domain/embedding/embed-health'
import { factory } from '../env'
import { recordWidgetError } from '../storage/embed-health'
import { siteId } from '../validation/fields'
import { jsonBody } from '../validation/json-body'
import { publicCors, requestSite } from './site-request'

// The widget's error beacon (docs/embedding.md «Embed health»; not named by the contract): an error
// code, and the OPD it was for, sent with navigator.sendBeacon as text/plain. Counted per
// site, OPD, Jakarta day and code; nothing of the reader or the page is sent or kept.

export const widgetErrorBody = z.strictObject({
  site: siteId.optional(),
  // As the page wrote it: an OPD the site does not have is counted under the site itself.
  opd: z.string({ error: 'opd must be text' }).max(100, 'opd is at most 100 characters').optional(),
  code: z.enum(WIDGET_ERROR_CODES, {
    error: `code must be one of ${WIDGET_ERROR_CODES.join(', ')}`,
  }),
})

export const widgetErrorsRoute = factory
  .createApp()
  .use(publicCors)
  .post('/', jsonBody(widgetErrorBody), async (c) => {
    const body = c.var.body
    const db = c.var.db
    // An origin no site registered was refused by publicCors (403): its errors count nowhere.
    const site = await requestSite(db, c.var.originSite, body.site)
    const now = Date.now()
    const day = jakartaDay(now)
    const hashes = await requestHashes(c.env, db, c.req.raw.headers, day)
    const counted = await recordWidgetError(
      db,
      site,
      body.opd,
      body.code,
      day,
      beaconGuard(hashes, site),
    )
    if (!counted) throw tooManyToday(now, 'widget error reports')
    return c.body(null, 204)
  })
