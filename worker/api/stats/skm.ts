import { createRoute, type RouteHandler, z } from '@hono/zod-openapi'
import type { AppEnv } from '../../env'
import { apiError } from '../../errors'
import { halfUp } from '../../skm/figures'
import {
  groupFigures,
  groupKey,
  groupTallies,
  SKM_GROUPINGS,
  type SkmGroup,
} from '../../skm/groups'
import { ELEMENT_KEYS, PROFILE_FIELDS } from '../../skm/questionnaire'
import { SkmRows } from './skm-answer'
import { serviceSlug } from '../../skm/validation'
import { serviceOf } from '../../storage/skm-services'
import { skmServiceSums } from '../../storage/skm-figures'
import { regionCode } from '../../validation/region-fields'
import { access, DOWNLOAD_NOTE, errors, okOrDownload } from '../operation'
import { download, fileName } from './download'
import { asked, categoryField, downloadFields, STATS, statsFields, statsRequest } from './request'

// GET /api/v1/stats/skm (docs/contract.md §14): the official survey's figures per service, OPD
// or site, restricted as every statistic is. Never mixed with the news box's indicative `ikm`:
// its own endpoint, its own field names (`ikm_skm`).

const skmQuery = z.strictObject({
  ...statsFields,
  ...downloadFields,
  service: serviceSlug.optional(),
  region: regionCode.optional(),
  category: categoryField,
  by: z
    .enum(SKM_GROUPINGS, { error: `by must be one of ${SKM_GROUPINGS.join(', ')}` })
    .default('service'),
})

export const skm = createRoute({
  method: 'get',
  path: '/skm',
  tags: ['SKM'],
  summary: 'The official survey’s figures per service, OPD or site',
  description:
    'Per element the tallies, NRR and grade; the index `ikm_skm` (1/9 weights) and its grade, ' +
    'the 0.111-weight figure beside it, the weakest elements first, respondents per profile ' +
    'value and the sample against the population (docs/skm.md). `by=opd|site` adds the ' +
    'services up before any figure is worked out; `category` keeps the services of OPDs of ' +
    'one kind (docs/contract.md §13). Not the widget’s indicative `ikm`. ' +
    DOWNLOAD_NOTE +
    ' A download flattens each row (docs/api.md «Downloads»): one NRR column per element, ' +
    'the weakest elements as text; no tallies or profile counts.',
  ...access('token'),
  request: { query: skmQuery },
  responses: {
    200: okOrDownload(SkmRows),
    ...errors(...STATS, 'site_required', 'unknown_service'),
  },
})

export const skmHandler: RouteHandler<typeof skm, AppEnv> = async (c) => {
  const db = c.var.db
  const query = c.req.valid('query')
  const { q, filter, before, previous } = await statsRequest(c.var, query, { opd: true })
  if (q.service !== undefined) {
    if (filter.site === undefined) {
      throw apiError('site_required', 'Name the site of the service with site=')
    }
    const service = await serviceOf(db, filter.site, q.service)
    if (service === null || (filter.opd !== undefined && service.opd !== filter.opd)) {
      throw apiError('unknown_service', `${filter.site} has no service ${q.service} there`)
    }
  }
  const narrow = { service: q.service, category: q.category }
  const [now, then] = await Promise.all([
    skmServiceSums(db, { ...filter, ...narrow }),
    before === null ? null : skmServiceSums(db, { ...before, ...narrow }),
  ])
  const prev = new Map(
    groupTallies(then ?? [], q.by).map((g) => [groupKey(q.by, g), groupFigures(g, null).ikm_skm]),
  )
  const rows = groupTallies(now, q.by).map((g) => skmRow(g, prev.get(groupKey(q.by, g)) ?? null))
  if (q.format !== 'json') {
    const csvName = fileName(
      ['skm', q.by, filter.region, q.category].filter(Boolean).join('-'),
      filter,
    )
    const subject = { csvName, ...filter, ...narrow, period: q.period }
    return download(c, q, { kind: SKM_KINDS[q.by], ...subject }, SKM_COLUMNS, rows.map(skmCells))
  }
  return c.json({ ...asked(q), previous, by: q.by, rows }, 200)
}

const SKM_KINDS = { service: 'skm_services', opd: 'skm_opds', site: 'skm_sites' } as const

// A download's row (docs/api.md «Downloads»): the NRR object becomes one column per element,
// the weakest elements one text cell; tallies, element grades and profile counts stay in JSON.
const SKM_COLUMNS = [
  'site',
  'opd',
  'service',
  'name',
  'respondents',
  ...ELEMENT_KEYS.map((k) => `nrr_${k}`),
  'ikm_skm',
  'grade',
  'ikm_skm_0111',
  'grade_0111',
  'weakest',
  'population',
  'required_sample',
  'sample_adequate',
  'ikm_skm_prev',
  'ikm_skm_change',
]

function skmCells(r: ReturnType<typeof skmRow>) {
  return [
    r.site,
    r.opd,
    r.service,
    r.name,
    r.respondents,
    ...ELEMENT_KEYS.map((k) => r.nrr[k] ?? null),
    r.ikm_skm,
    r.grade,
    r.ikm_skm_0111,
    r.grade_0111,
    r.weakest.join(', '),
    r.population,
    r.required_sample,
    r.sample_adequate,
    r.ikm_skm_prev,
    r.ikm_skm_change,
  ]
}

function skmRow(g: SkmGroup, previous: number | null) {
  const f = groupFigures(g, previous)
  const n = f.respondents
  return {
    site: g.site,
    opd: g.opd,
    service: g.service,
    name: g.name,
    opd_name: g.opd_name,
    site_name: g.site_name,
    respondents: n,
    tallies: Object.fromEntries(
      f.elements.map((e) => [e.key, [...e.tally] as [number, number, number, number]]),
    ),
    nrr: Object.fromEntries(f.elements.map((e) => [e.key, n === 0 ? null : halfUp(e.sum, n)])),
    element_grades: f.element_grades,
    ikm_skm: f.ikm_skm,
    grade: f.grade,
    ikm_skm_0111: f.ikm_skm_0111,
    grade_0111: f.grade_0111,
    weakest: f.weakest,
    profile: Object.fromEntries(PROFILE_FIELDS.map((p) => [p.key, g.profile[p.key]])),
    population: f.population,
    required_sample: f.required_sample,
    sample_adequate: f.sample_adequate,
    ikm_skm_prev: f.ikm_skm_prev,
    ikm_skm_change: f.ikm_skm_change,
  }
}
