// The changes a token can make through the management API, each named once (docs/dashboard.md
// «Audit log»): what the audit log's `action` holds and `GET /api/v1/admin/audit` filters by.

export const AUDIT_ACTIONS = [
  'site.create',
  'site.update',
  'opd.save',
  'opd.category',
  'opd.delete',
  'opd.merge',
  'article.move',
  'token.create',
  'token.revoke',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'comment.follow_up',
  'flagged.exclude',
  'publication.create',
  'kiosk.issue',
  'kiosk.revoke',
  'service.save',
  'service.retire',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]
