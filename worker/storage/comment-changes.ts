import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import type { FollowUpStatus } from '../domain/comments/comment-follow-up'
import { type AuditEntry, batchWithAudit } from './audit'

// The follow-up of a comment as a token changes it (docs/contract.md §9), with its audit row in
// the same batch. Apart from comments-list.ts, whose types the dashboard reads.

export interface CommentChange {
  hidden?: boolean
  status?: FollowUpStatus
  /** null clears it. */
  note?: string | null
  reply?: string | null
  lapor_tracking_id?: string | null
}

/**
 * Changes a comment's follow-up or hides it. Becoming «selesai» stamps `done_at` (kept while it
 * stays so, cleared when it leaves), a new reply stamps `replied_at`; one statement, in one batch with its audit row.
 */
export async function setCommentState(
  db: Db,
  id: number,
  change: CommentChange,
  nowMs: number,
  audit?: Omit<AuditEntry, 'before'>,
) {
  const sets: SQL[] = []
  if (change.hidden !== undefined) sets.push(sql`hidden = ${change.hidden ? 1 : 0}`)
  if (change.status !== undefined) {
    sets.push(
      sql`done_at = CASE WHEN ${change.status} <> 'selesai' THEN NULL
        WHEN status = 'selesai' THEN done_at ELSE ${nowMs} END`,
      sql`status = ${change.status}`,
    )
  }
  if (change.note !== undefined) sets.push(sql`note = ${change.note}`)
  if (change.reply !== undefined) {
    sets.push(
      sql`replied_at = CASE WHEN ${change.reply} IS NULL THEN NULL
        WHEN reply IS ${change.reply} THEN replied_at ELSE ${nowMs} END`,
      sql`reply = ${change.reply}`,
    )
  }
  if (change.lapor_tracking_id !== undefined) {
    sets.push(sql`lapor_tracking_id = ${change.lapor_tracking_id}`)
  }
  if (!sets.length) return
  // The fields it changes, as they were: read in the batch, before the update.
  const fields = sql.join(
    Object.keys(change).map((k) => sql`${k}, ${sql.identifier(k)}`),
    sql`, `,
  )
  const before = sql`(SELECT json_object(${fields}) FROM comments WHERE id = ${id})`
  await batchWithAudit(
    db,
    [sql`UPDATE comments SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`],
    audit && { ...audit, before },
    sql`EXISTS (SELECT 1 FROM comments WHERE id = ${id})`,
  )
}
