import { sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { reasonReaderHash } from '../domain/comments/reason-reader-hash'
import { REASON_KEYS, type ReasonKey } from '../domain/comments/reasons'
import { publicReplies } from './comments-list'

// What a page view answers beside the summary (docs/contract.md §12): how many public replies
// the article has, so that every reader sees «Tanggapan OPD (n)» before answering, and the
// reader's own reasons, so that a returning reader finds their chips as they left them. One D1
// read for both, since it runs on every page view; the replies themselves wait for the reader
// to open them (GET /replies).

export interface PageViewFollowUp {
  replies: number
  /** In display order. */
  reasons: ReasonKey[]
}

export async function pageViewFollowUp(
  db: Db,
  site: string,
  article: string,
  reader: string,
): Promise<PageViewFollowUp> {
  const hash = await reasonReaderHash(site, article, reader)
  const row = await db.get<{ replies: number; reasons: string }>(sql`
    SELECT (SELECT count(*) ${publicReplies(site, article)}) AS replies,
      (SELECT json_group_array(reason) FROM reasons
        WHERE site_id = ${site} AND article = ${article} AND reader_hash = ${hash}) AS reasons`)
  const given = new Set<string>(JSON.parse(row.reasons))
  return { replies: row.replies, reasons: REASON_KEYS.filter((k) => given.has(k)) }
}
