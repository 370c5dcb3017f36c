import { createRoute, z } from '@hono/zod-openapi'
import {
  kioskGuard,
  requestHashes,
  skmGuard,
  tooManyThisMinute,
  tooManyToday,
} from '../../abuse/guards'
import { looksScripted } from '../../abuse/limits'
import { jakartaDay } from '../../domain/calendar/days'
import { redactPersonalData } from '../../domain/comments/redact-personal-data'
import { apiError } from '../../errors'
import { publicCorsOrOwnPages } from '../public-cors'
import { requestSite } from '../../hot-path/request-article'
import { skmResponseBody } from '../../skm/validation'
import { checkDevice } from '../../storage/skm-devices'
import { serviceOf } from '../../storage/skm-services'
import { kioskDayOf, recordSubmission, respondentsOn } from '../../storage/skm-submissions'
import { access, apiApp, BODY, errors, jsonRequest, ok, WIDGET } from '../operation'

// One respondent's answers to the official survey (docs/contract.md §14, «Surfaces»): the
// nine elements, an optional profile and suggestion. Kept apart from the news box's
// responses: another table, another figure (docs/skm.md).

const Recorded = z
  .strictObject({
    service: z.string(),
    respondents: z.int().describe('The service’s counted respondents today (Asia/Jakarta)'),
    recorded: z.literal(true),
  })
  .openapi('SkmRecorded')

const route = createRoute({
  method: 'post',
  path: '/',
  tags: ['SKM'],
  summary: 'Record a respondent’s answers to the SKM',
  description:
    'All nine elements, each 1–4; `profile` and `saran` are optional, and personal data is ' +
    'removed from `saran` before it is stored. One submission per respondent, service and ' +
    'Asia/Jakarta day: the same respondent again that day replaces the earlier answers. ' +
    'The body may be sent as application/json or text/plain (no CORS preflight). A kiosk ' +
    '(a tablet at the counter) sends its `device` token: its submissions are bounded per ' +
    'minute per device instead of per network, a burst past the bound is stored flagged and ' +
    'never counted, and a retry of a stored submission replaces it on the day it was stored.',
  ...access('public'),
  ...jsonRequest(skmResponseBody.openapi('PostSkmResponsesBody')),
  responses: {
    200: ok(Recorded),
    ...errors(
      ...BODY,
      ...WIDGET,
      'unknown_service',
      'service_retired',
      'unknown_device',
      'device_revoked',
    ),
  },
})

export const skmResponsesRoute = apiApp(publicCorsOrOwnPages).openapi(route, async (c) => {
  const body = c.var.body
  const db = c.var.db
  // Before any D1 statement, as for comments: linear in the (at most 500-character) text.
  const saran = body.saran === null ? null : redactPersonalData(body.saran)
  const site = await requestSite(db, c.var.originSite, body.site)
  const service = await serviceOf(db, site, body.service)
  if (service === null || service.opd !== body.opd) {
    throw apiError('unknown_service', `OPD ${body.opd} of ${site} has no service ${body.service}`)
  }
  if (service.retired_at !== null) {
    throw apiError('service_retired', `The service ${body.service} no longer takes answers`)
  }
  // A kiosk's token is checked before anything is stored, so a wrong or revoked one stores nothing.
  const device =
    body.device === undefined ? null : await checkDevice(db, site, body.service, body.device)
  if (device !== null && !device.live) {
    if (device.revoked) throw apiError('device_revoked', 'This kiosk device has been revoked')
    throw apiError('unknown_device', `No kiosk device of ${body.service} has this token`)
  }
  const now = Date.now()
  const today = jakartaDay(now)
  const answer = (respondents: number) =>
    c.json({ service: body.service, respondents, recorded: true as const }, 200)
  // A script sees what a person would; nothing is stored (worker/abuse/limits.ts).
  if (looksScripted(body)) return answer(await respondentsOn(db, site, body.service, today))
  const day = device ? await kioskDayOf(db, site, body.service, body.respondent, today) : today
  // A kiosk serves many respondents from one office network: bounded per device and minute
  // instead of per network and day.
  const guard = device
    ? kioskGuard(device.id, now)
    : skmGuard(await requestHashes(c.env, db, c.req.raw.headers, day), site, day)
  const outcome = await recordSubmission(
    db,
    {
      site,
      service: body.service,
      day,
      respondent: body.respondent,
      answers: body.answers,
      profile: body.profile ?? {},
      saran,
      nowMs: now,
      device: device?.id,
    },
    guard,
  )
  if (!outcome.stored) {
    throw device ? tooManyThisMinute(now) : tooManyToday(now, 'survey respondents')
  }
  return answer(outcome.respondents)
})
