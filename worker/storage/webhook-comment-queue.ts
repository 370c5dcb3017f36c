import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import type { Subscriber } from './webhooks'

// The comments waiting for a webhook's next comment.created batch (webhook_comment_queue): one
// row per webhook and comment, taken off once the batch's delivery is queued (webhooks.ts).

/**
 * Queues the comment the reader just stored on the article for every enabled webhook of its
 * site or OPD that listens to comment.created: one row each, however often the text changes
 * before the batch goes out. One statement.
 */
export async function queueComment(
  db: Db,
  site: string,
  article: string,
  reader: string,
  nowMs: number,
): Promise<void> {
  await db.run(sql`
    INSERT INTO webhook_comment_queue (webhook_id, comment_id, queued_at, changed_at)
    SELECT w.id, c.id, ${nowMs}, ${nowMs}
    FROM comments c JOIN articles a ON a.id = c.article_id
      JOIN webhooks w ON w.site_id = a.site_id AND (w.opd IS NULL OR w.opd = a.opd)
    WHERE a.site_id = ${site} AND a.key = ${article} AND c.reader = ${reader} AND c.hidden = 0
      AND w.enabled = 1 AND instr(',' || w.events || ',', ',comment.created,') > 0
    ON CONFLICT (webhook_id, comment_id) DO UPDATE SET changed_at = excluded.changed_at`)
}

/** A webhook whose comment batch is due, and since when its oldest comment waits. */
export interface DueCommentBatch extends Subscriber {
  enabled: boolean
  since: number
}

/** The webhooks whose oldest queued comment has waited `batchMs`, oldest first. */
export async function dueCommentBatches(
  db: Db,
  nowMs: number,
  batchMs: number,
  limit: number,
): Promise<DueCommentBatch[]> {
  const rows = await db.all<Subscriber & { enabled: number; since: number }>(sql`
    SELECT w.id, w.site_id AS site, w.opd, w.format, w.chat_id AS chatId, w.enabled,
      min(q.queued_at) AS since
    FROM webhook_comment_queue q JOIN webhooks w ON w.id = q.webhook_id
    GROUP BY w.id HAVING min(q.queued_at) <= ${nowMs - batchMs}
    ORDER BY since LIMIT ${limit}`)
  return rows.map((r) => ({ ...r, enabled: r.enabled === 1 }))
}

/** A queued comment as a batch tells it (`hidden`: since marked as spam, so left out). */
export interface QueuedComment {
  comment: number
  changedAt: number
  hidden: boolean
  opd: string
  article: string
  title: string | null
  rating: number | null
  text: string
  createdAt: number
}

/** A webhook's queued comments, the longest waiting first, at most `limit`. */
export async function queuedComments(
  db: Db,
  webhookId: string,
  limit: number,
): Promise<QueuedComment[]> {
  const rows = await db.all<Omit<QueuedComment, 'hidden'> & { hidden: number }>(sql`
    SELECT q.comment_id AS comment, q.changed_at AS changedAt, c.hidden, a.opd,
      a.key AS article, a.title, r.rating, c.text, c.created_at AS createdAt
    FROM webhook_comment_queue q JOIN comments c ON c.id = q.comment_id
      JOIN articles a ON a.id = c.article_id
      LEFT JOIN responses r ON r.article_id = c.article_id AND r.reader = c.reader
    WHERE q.webhook_id = ${webhookId}
    ORDER BY q.queued_at, q.comment_id LIMIT ${limit}`)
  return rows.map((r) => ({ ...r, hidden: r.hidden === 1 }))
}

/**
 * The statements that take a batch's comments off a webhook's queue once its delivery is
 * queued: the rows it read, unless their text changed since (then they stay, with what is
 * left of the queue, waiting a whole batch time from now).
 */
export function takeFromQueue(
  webhookId: string,
  taken: { comment: number; changedAt: number }[],
  nowMs: number,
) {
  const rows = JSON.stringify(taken.map((t) => [t.comment, t.changedAt]))
  return (marked: SQL) => [
    sql`DELETE FROM webhook_comment_queue WHERE webhook_id = ${webhookId} AND ${marked}
      AND (comment_id, changed_at) IN (SELECT value ->> 0, value ->> 1 FROM json_each(${rows}))`,
    sql`UPDATE webhook_comment_queue SET queued_at = ${nowMs}
      WHERE webhook_id = ${webhookId} AND ${marked}`,
  ]
}

/** Drops a webhook's queued comments (it was turned off): old news when it comes back. */
export async function dropQueue(db: Db, webhookId: string): Promise<void> {
  await db.run(sql`DELETE FROM webhook_comment_queue WHERE webhook_id = ${webhookId}`)
}
