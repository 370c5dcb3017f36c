import { createRoute, z } from '@hono/zod-openapi'
import { adminOnly } from '../../auth/bearer-auth'
import { ROLES } from '../../auth/token'
import { AUDIT_ACTIONS } from '../../domain/audit/actions'
import { addDays, isDayInRange } from '../../domain/calendar/days'
import { apiError } from '../../errors'
import { auditRows } from '../../storage/audit'
import { siteId } from '../../validation/fields'
import { ADMIN, access, apiApp, errors, ok } from '../operation'
import { count, nullableText } from '../schemas'
import { rowLimit } from '../stats/request'

// The audit log (docs/dashboard.md «Audit log»): read here by admins, written only by the
// changes themselves (worker/storage/audit.ts). This sub-app has a GET and nothing else, and
// the table refuses updates and deletes (migrations/0019_audit_log.sql).

const day = (name: string) =>
  z
    .string()
    .refine(isDayInRange, `${name} must be a day written YYYY-MM-DD, from 2000-01-01 to 2100-12-31`)

const auditQuery = z.strictObject({
  site: siteId.optional(),
  action: z
    .enum(AUDIT_ACTIONS, { error: `action must be one of ${AUDIT_ACTIONS.join(', ')}` })
    .optional(),
  from: day('from').optional(),
  to: day('to').optional(),
  limit: rowLimit(1000, 100),
})

const json = z.unknown().describe('Small JSON of the target as it was / became; null for none')
const AuditRows = z
  .strictObject({
    rows: z.array(
      z.strictObject({
        id: count,
        at: z.int().describe('Milliseconds since 1970'),
        token: z.strictObject({ id: z.string(), label: z.string(), role: z.enum(ROLES) }),
        action: z.enum(AUDIT_ACTIONS),
        site: nullableText,
        target: z.string().describe('The OPD, article, token, webhook, comment or period changed'),
        before: json,
        after: json,
      }),
    ),
  })
  .openapi('AuditRows')

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['Management'],
  summary: 'The audit log: every change made with a token, newest first',
  description:
    'When, which token (id, label, role), the action, its site and target, and before → after. ' +
    '`from`/`to` are Asia/Jakarta days, both included. Read-only: no request edits or deletes it.',
  ...access('admin'),
  middleware: [adminOnly],
  request: { query: auditQuery },
  responses: { 200: ok(AuditRows), ...errors(...ADMIN, 'invalid_request', 'invalid_range') },
})

const jakartaMidnight = (day: string) => Date.parse(`${day}T00:00:00+07:00`)

export const adminAuditRoute = apiApp().openapi(route, async (c) => {
  const q = c.req.valid('query')
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    throw apiError('invalid_range', `from (${q.from}) is after to (${q.to})`)
  }
  const rows = await auditRows(c.var.db, {
    site: q.site,
    action: q.action,
    fromMs: q.from === undefined ? undefined : jakartaMidnight(q.from),
    beforeMs: q.to === undefined ? undefined : jakartaMidnight(addDays(q.to, 1)),
    limit: q.limit,
  })
  return c.json({ rows: rows as z.infer<typeof AuditRows>['rows'] }, 200)
})
