import { createRoute, z } from '@hono/zod-openapi'
import { requestHashes, skmGuard, tooManyToday } from '../../abuse/guards'
import { looksScripted } from '../../abuse/limits'
import { jakartaDay } from '../../domain/calendar/days'
import { redactPersonalData } from '../../domain/comments/redact-personal-data'
import { apiError } from '../../errors'
import { publicCorsOrOwnPages } from '../public-cors'
import { requestSite } from '../../hot-path/request-article'
import { skmResponseBody } from '../../skm/validation'
import { serviceOf } from '../../storage/skm-services'
import { recordSubmission, respondentsOn } from '../../storage/skm-submissions'
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
    'The body may be sent as application/json or text/plain (no CORS preflight).',
  ...access('public'),
  ...jsonRequest(skmResponseBody.openapi('PostSkmResponsesBody')),
  responses: {
    200: ok(Recorded),
    ...errors(...BODY, ...WIDGET, 'unknown_service', 'service_retired'),
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
  const now = Date.now()
  const day = jakartaDay(now)
  const answer = (respondents: number) =>
    c.json({ service: body.service, respondents, recorded: true as const }, 200)
  // A script sees what a person would; nothing is stored (worker/abuse/limits.ts).
  if (looksScripted(body)) return answer(await respondentsOn(db, site, body.service, day))
  const hashes = await requestHashes(c.env, db, c.req.raw.headers, day)
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
    },
    skmGuard(hashes, site),
  )
  if (!outcome.stored) throw tooManyToday(now, 'survey respondents')
  return answer(outcome.respondents)
})
