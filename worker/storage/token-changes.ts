import { eq, isNull, and, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { tokens } from '../db/schema'
import { type AuditEntry, batchWithAudit } from './audit'
import { tokenSessionsDelete } from './sessions'
import { type NewToken, tokenInsert } from './tokens'

// The token changes an admin makes through the API, each with its audit row in one batch
// (storage/audit.ts). Apart from tokens.ts, which scripts/token.ts reads under node's types.

/** Stores a new token, and the audit row of its making. */
export async function createToken(
  db: Db,
  token: NewToken,
  nowMs: number,
  audit: AuditEntry,
): Promise<void> {
  await batchWithAudit(db, [tokenInsert(db, token, nowMs).getSQL()], audit)
}

/**
 * Revokes a token and ends its sessions; false when there is no such token. Revoking twice
 * keeps the first time.
 */
export async function revokeToken(
  db: Db,
  id: string,
  nowMs: number,
  audit: Pick<AuditEntry, 'token' | 'action'>,
): Promise<boolean> {
  const found = await db
    .select({ site: tokens.siteId, label: tokens.label, role: tokens.role })
    .from(tokens)
    .where(eq(tokens.id, id))
    .get()
  if (!found) return false
  // The log names the revoked token's site, label and role beside its id.
  const { site, ...was } = found
  const before = { ...was, revoked_at: null }
  const entry = { ...audit, site, target: id, before, after: { revoked_at: nowMs } }
  const revoke = db
    .update(tokens)
    .set({ revokedAt: nowMs })
    .where(and(eq(tokens.id, id), isNull(tokens.revokedAt)))
  // Logged only when it revokes: a second revocation changes nothing.
  const when = sql`EXISTS (SELECT 1 FROM tokens WHERE id = ${id} AND revoked_at IS NULL)`
  await batchWithAudit(db, [revoke.getSQL(), tokenSessionsDelete(db, id).getSQL()], entry, when)
  return true
}
