import { createRoute, type RouteHandler, z } from '@hono/zod-openapi'
import { isSilent, last24hDays, WIDGET_ERROR_CODES } from '../../domain/embedding/embed-health'
import type { AppEnv } from '../../env'
import { type HealthRow, healthRows } from '../../storage/embed-health'
import { access, DOWNLOAD_NOTE, errors, okOrDownload } from '../operation'
import { ANSWERS } from '../schemas'
import { download, fileName } from './download'
import { downloadFields, STATS, statsFields, statsRequest } from './request'

const healthQuery = z.strictObject({
  site: statsFields.site,
  opd: statsFields.opd,
  format: statsFields.format,
  ...downloadFields,
})

/**
 * Embed health (docs/contract.md §10, docs/embedding.md «Embed health»): per site in scope, then
 * each of its OPDs, the last view and answer, the «24 h» sums (the Jakarta days of the last 24
 * hours), the widget's error beacons by code, and `silent` (no view for 24 h after having had
 * views).
 */
export const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Statistics'],
  summary: 'Embed health: last view and answer, 24 h figures, widget errors, silent',
  description: `One row per site (opd null), followed by its OPDs. ${DOWNLOAD_NOTE}`,
  ...access('token'),
  request: { query: healthQuery },
  responses: { 200: okOrDownload(ANSWERS.Health), ...errors(...STATS) },
})

const CSV_COLUMNS = [
  'site',
  'opd',
  'name',
  'last_view_at',
  'last_response_at',
  'views_24h',
  'responses_24h',
  'widget_errors_24h',
  ...WIDGET_ERROR_CODES.map((code) => `errors_${code}`),
  'silent',
]

export const healthHandler: RouteHandler<typeof health, AppEnv> = async (c) => {
  const { q, filter } = await statsRequest(c.var, c.req.valid('query'), { opd: true })
  const now = Date.now()
  const days = last24hDays(now)
  const rows = (await healthRows(c.var.db, filter, days, now)).map((r) => healthAnswer(r, now))
  if (q.format !== 'json') {
    return download(
      c,
      q,
      { kind: 'health', csvName: fileName('health', filter), ...filter },
      CSV_COLUMNS,
      rows.map((r) => [
        r.site,
        r.opd,
        r.name,
        r.last_view_at,
        r.last_response_at,
        r.views_24h,
        r.responses_24h,
        r.widget_errors_24h,
        ...WIDGET_ERROR_CODES.map((code) => r.widget_errors_by_code[code]),
        r.silent,
      ]),
    )
  }
  return c.json({ ...days, now: new Date(now).toISOString(), rows }, 200)
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

function healthAnswer(r: HealthRow, now: number) {
  return {
    site: r.site,
    opd: r.opd,
    name: r.name,
    last_view_at: iso(r.lastViewAt),
    last_response_at: iso(r.lastResponseAt),
    views_24h: r.views,
    responses_24h: r.responses,
    widget_errors_24h: WIDGET_ERROR_CODES.reduce((sum, code) => sum + r.errors[code], 0),
    widget_errors_by_code: r.errors,
    silent: isSilent(r.lastViewAt, now),
  }
}
