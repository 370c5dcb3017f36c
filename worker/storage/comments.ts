import { sql } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import { SAME_TEXT_READERS } from '../domain/comments/comment-spam'

export interface NewComment {
  siteId: string
  article: string
  reader: string
  /** Already free of personal data. */
  text: string
  /** SHA-256 of the campaign key (worker/domain/comments/comment-spam.ts), or null for short texts. */
  campaign: string | null
  nowMs: number
  day: string
}

export type CommentOutcome = 'stored' | 'dropped' | 'no_response'

/**
 * Whether the reader has answered the article: `counted`, `spam` (an admin excluded it), or
 * `none`. The one check of «this reader answered this article» for what follows an answer
 * (comments, reasons), so that where answers live is known in one place.
 */
export async function readerResponse(
  db: Db,
  siteId: string,
  article: string,
  reader: string,
): Promise<'counted' | 'spam' | 'none'> {
  const row = await db.get<{ spam: number } | undefined>(sql`
    SELECT r.spam FROM responses r JOIN articles a ON a.id = r.article_id
    WHERE a.site_id = ${siteId} AND a.key = ${article} AND r.reader = ${reader}`)
  if (row === undefined) return 'none'
  return row.spam ? 'spam' : 'counted'
}

/**
 * Whether D1 holds any answer of the article (counted, excluded or not). An article's first
 * answer reaches D1 before its vote returns (the article object), so without one here there is
 * none anywhere, and what needs a response can be refused without asking the object.
 */
export async function articleAnswered(db: Db, siteId: string, article: string): Promise<boolean> {
  const row = await db.get<{ one: number } | undefined>(sql`
    SELECT 1 AS one FROM responses r JOIN articles a ON a.id = r.article_id
    WHERE a.site_id = ${siteId} AND a.key = ${article} LIMIT 1`)
  return row !== undefined
}

/**
 * Stores a reader's comment on their response to the article, in one batch: the text's
 * campaign mark is counted, then the comment is written (replacing the reader's earlier one)
 * only if the reader has a response not excluded as spam, the comment was not hidden as
 * spam before, and fewer than SAME_TEXT_READERS readers sent the same text on the site that
 * day. Without a response nothing at all is written.
 */
export async function recordComment(db: Db, c: NewComment): Promise<CommentOutcome> {
  const id = sql`(SELECT id FROM articles WHERE site_id = ${c.siteId} AND key = ${c.article})`
  const response = sql`FROM responses WHERE article_id = ${id} AND reader = ${c.reader}`
  const sameText = sql`(SELECT count(*) FROM comment_text_marks
    WHERE site_id = ${c.siteId} AND day = ${c.day} AND hash = ${c.campaign})`
  const results = await batch<{ responded: number; spam: number; stored: number }>(db, [
    sql`INSERT INTO comment_text_marks (site_id, day, hash, reader)
      SELECT ${c.siteId}, ${c.day}, ${c.campaign}, ${c.reader}
      WHERE ${c.campaign} IS NOT NULL AND EXISTS (SELECT 1 ${response})
      ON CONFLICT DO NOTHING`,
    sql`INSERT INTO comments (article_id, reader, text, day, created_at)
      SELECT article_id, reader, ${c.text}, ${c.day}, ${c.nowMs} ${response} AND spam = 0
        AND (${c.campaign} IS NULL OR ${sameText} < ${SAME_TEXT_READERS})
      ON CONFLICT (article_id, reader) DO UPDATE
      SET text = excluded.text, day = excluded.day, created_at = excluded.created_at,
        status = 'baru', done_at = NULL
      WHERE comments.hidden = 0`,
    sql`SELECT count(*) AS responded, coalesce(max(spam), 0) AS spam ${response}`,
  ])
  if (results[2].results[0].responded === 0) return 'no_response'
  return results[1].meta.changes > 0 ? 'stored' : 'dropped'
}
