import { and, desc, eq, gte, lt, SQL, sql } from 'drizzle-orm'
import type { TokenScope } from '../auth/token'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import { auditLog } from '../db/schema'
import type { AuditAction } from '../domain/audit/actions'

// The audit log (docs/dashboard.md «Audit log»): one row per change made with a token. A change
// stored as one D1 batch carries its row in that batch, guarded by the change's own condition,
// so a change that fails or changes nothing logs nothing, and a logged change happened.

/** One change, as the route that makes it describes it. */
export interface AuditEntry {
  token: Pick<TokenScope, 'id' | 'label' | 'role'>
  action: AuditAction
  site: string | null
  /** What changed within the site: an OPD, an article, a token id, a webhook id, … */
  target: string
  /** A value, or SQL giving its JSON text, read inside the batch before the change runs. */
  before: unknown
  after: unknown
}

const json = (value: unknown): SQL =>
  value instanceof SQL ? value : sql`${value === undefined ? null : JSON.stringify(value)}`

/**
 * The statement that appends `entry`, for the change's own batch: it inserts only when `when`
 * holds (by default always, for a batch that fails as a whole or not at all).
 */
function auditInsert(entry: AuditEntry, nowMs: number, when: SQL = sql`1`): SQL {
  const { token } = entry
  return sql`INSERT INTO audit_log (at, token_id, token_label, token_role, action, site, target, before, after)
    SELECT ${nowMs}, ${token.id}, ${token.label}, ${token.role}, ${entry.action}, ${entry.site},
      ${entry.target}, ${json(entry.before)}, ${json(entry.after)} WHERE ${when}`
}

/**
 * Runs a change's statements with its audit row in one batch (one transaction); the change's
 * results, in order. The row comes first, guarded by `when`: the condition under which the
 * statements that follow change something, read before they run.
 */
export async function batchWithAudit<Row = Record<string, unknown>>(
  db: Db,
  statements: SQL[],
  audit: AuditEntry | undefined,
  when?: SQL,
) {
  const row = audit && auditInsert(audit, Date.now(), when)
  const results = await batch<Row>(db, row ? [row, ...statements] : statements)
  return row ? results.slice(1) : results
}

/** For a change that is not one D1 batch (an article object's exclusion): after it happened. */
export async function appendAudit(db: Db, entry: AuditEntry, nowMs = Date.now()): Promise<void> {
  await batch(db, [auditInsert(entry, nowMs)])
}

export interface AuditFilter {
  site?: string
  action?: AuditAction
  /** Milliseconds: from (inclusive) and before (exclusive). */
  fromMs?: number
  beforeMs?: number
  limit: number
}

/** The log, newest first, with before and after as the JSON they were written as. */
export async function auditRows(db: Db, f: AuditFilter) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        f.site === undefined ? undefined : eq(auditLog.site, f.site),
        f.action === undefined ? undefined : eq(auditLog.action, f.action),
        f.fromMs === undefined ? undefined : gte(auditLog.at, f.fromMs),
        f.beforeMs === undefined ? undefined : lt(auditLog.at, f.beforeMs),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(f.limit)
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    token: { id: r.tokenId, label: r.tokenLabel, role: r.tokenRole },
    action: r.action,
    site: r.site,
    target: r.target,
    before: r.before === null ? null : (JSON.parse(r.before) as unknown),
    after: r.after === null ? null : (JSON.parse(r.after) as unknown),
  }))
}
