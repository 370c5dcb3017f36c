import { createRoute, z } from '@hono/zod-openapi'
import { apiError } from '../../errors'
import { requestSite } from '../../hot-path/request-article'
import { ELEMENTS, ELEMENT_KEYS, withWording } from '../../skm/questionnaire'
import { serviceSlug } from '../../skm/validation'
import { serviceOf } from '../../storage/skm-services'
import { opdSlug, siteId } from '../../validation/fields'
import { access, apiApp, errors, ok, WIDGET } from '../operation'
import { publicCors } from '../public-cors'

// A service's questionnaire as its respondents read it (docs/contract.md §14): the nine
// elements' questions with the wording the OPD adjusted. The survey page has it from the
// Worker; the survey on an OPD's own page (widget/skm/embed.tsx) asks here when it opens.

const question = z.strictObject({ id: z.string(), en: z.string() })

const Questionnaire = z
  .strictObject({
    service: z.string(),
    name: z.string().describe('The service’s name'),
    questions: z
      .array(z.strictObject({ key: z.enum(ELEMENT_KEYS), question }))
      .length(ELEMENT_KEYS.length)
      .describe('The nine elements’ questions in the questionnaire’s order (U1…U9)'),
  })
  .openapi('SkmQuestionnaire')

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['SKM'],
  summary: 'A service’s SKM questions, as its respondents read them',
  description:
    'The nine elements’ questions with the wording the OPD adjusted for the service (only ' +
    'the wording may change, never the elements or the 1–4 answers). The site is the ' +
    'registered Origin’s, or `site=` without one. Cached for five minutes.',
  ...access('public'),
  request: {
    query: z.object({ site: siteId.optional(), opd: opdSlug, service: serviceSlug }),
  },
  responses: {
    200: ok(Questionnaire),
    ...errors('invalid_request', ...WIDGET, 'unknown_service', 'service_retired'),
  },
})

export const skmQuestionnaireRoute = apiApp(publicCors).openapi(route, async (c) => {
  const query = c.req.valid('query')
  const db = c.var.db
  const site = await requestSite(db, c.var.originSite, query.site)
  const service = await serviceOf(db, site, query.service)
  if (service === null || service.opd !== query.opd) {
    throw apiError('unknown_service', `OPD ${query.opd} of ${site} has no service ${query.service}`)
  }
  if (service.retired_at !== null) {
    throw apiError('service_retired', `The service ${query.service} no longer takes answers`)
  }
  // Stored wording was checked when it was set; the defaults stand in should it not be.
  const worded = withWording(service.wording ?? {})
  const elements = worded.ok ? worded.questionnaire : ELEMENTS
  // A wording changed in the dashboard reaches open pages within minutes; Origin varies the answer.
  c.header('Cache-Control', 'public, max-age=300')
  return c.json(
    {
      service: service.slug,
      name: service.name,
      questions: elements.map((e) => ({ key: e.key, question: e.question })),
    },
    200,
  )
})
