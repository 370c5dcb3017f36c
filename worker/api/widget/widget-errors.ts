import { createRoute, z } from '@hono/zod-openapi'
import { beaconGuard, requestHashes, tooManyToday } from '../../abuse/guards'
import { jakartaDay } from '../../domain/calendar/days'
import { WIDGET_ERROR_CODES } from '../../domain/embedding/embed-health'
import { recordWidgetError } from '../../storage/embed-health'
import { siteId } from '../../validation/fields'
import { publicCors } from '../public-cors'
import { requestSite } from '../../hot-path/request-article'
import { access, apiApp, BODY, errors, jsonRequest, noContent, WIDGET } from '../operation'

// The widget's error beacon (docs/embedding.md «Embed health»; not named by the contract): an error
// code, and the OPD it was for, sent with navigator.sendBeacon as text/plain. Counted per
// site, OPD, Jakarta day and code; nothing of the reader or the page is sent or kept.

const widgetErrorBody = z
  .strictObject({
    site: siteId.optional(),
    // As the page wrote it: an OPD the site does not have is counted under the site itself.
    opd: z
      .string({ error: 'opd must be text' })
      .max(100, 'opd is at most 100 characters')
      .optional(),
    code: z.enum(WIDGET_ERROR_CODES, {
      error: `code must be one of ${WIDGET_ERROR_CODES.join(', ')}`,
    }),
  })
  .openapi('PostWidgetErrorsBody')

const route = createRoute({
  method: 'post',
  path: '/',
  tags: ['Widget'],
  summary: 'The widget reports its own failure (beacon)',
  description:
    'Sent by the widget with navigator.sendBeacon (text/plain): an error code and the OPD, ' +
    'nothing of the reader. Counted per site, OPD, Jakarta day and code; at most 30 a day ' +
    'per network and site (docs/embedding.md «Embed health»). An OPD the site does not have ' +
    'counts under the site.',
  ...access('public'),
  ...jsonRequest(widgetErrorBody),
  responses: { 204: noContent, ...errors(...BODY, ...WIDGET) },
})

export const widgetErrorsRoute = apiApp(publicCors).openapi(route, async (c) => {
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
