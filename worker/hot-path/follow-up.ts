import type { Db } from '../db/client'
import { jakartaDay } from '../domain/calendar/days'
import { campaignKey } from '../domain/comments/comment-spam'
import type { ReasonKey } from '../domain/comments/reasons'
import { redactPersonalData } from '../domain/comments/redact-personal-data'
import { sha256Hex } from '../domain/crypto'
import type { Env } from '../env'
import { readerResponse, recordComment } from '../storage/comments'
import { replaceReasons } from '../storage/reasons'
import { flushReaderFirst } from './article'

// A reader's follow-up to their answer (docs/contract.md §9, docs/comments.md): the «Apa yang
// kurang?» reasons and the «Apa yang bisa kami perbaiki?» comment, for the widget's
// POST /api/v1/reasons and /comments and the no-script page's one form alike. What a caller
// drops as scripted before it is simply left out of the follow-up.

export interface FollowUp {
  site: string
  opd: string
  article: string
  reader: string
  /** The reader's set, replacing their earlier one; absent leaves it as it is. */
  reasons?: readonly ReasonKey[]
  /** The comment as typed; personal data is removed here, before anything is stored. */
  comment?: string
}

/**
 * Records a follow-up: the reader's answer must be in D1 first (flushed from the article's
 * object), then only a counted answer's reasons and comment are stored; an answer excluded as
 * spam stores nothing and is thanked all the same. `no_response` when the reader has no answer
 * on the article. `onCommentStored` is told of a new comment (the webhook), with its moment.
 */
export async function recordFollowUp(
  env: Env,
  db: Db,
  f: FollowUp,
  onCommentStored: (nowMs: number) => void,
): Promise<'no_response' | 'recorded'> {
  // First: linear in the (at most 500-character) text, whatever it holds. The campaign mark is
  // of the text as stored, so numbers or addresses varied from reader to reader neither hide a
  // campaign nor leave a hash of personal data.
  const text = f.comment === undefined ? undefined : redactPersonalData(f.comment)
  await flushReaderFirst(env, db, f.site, f.article)
  const response = await readerResponse(db, f.site, f.article, f.reader)
  if (response === 'none') return 'no_response'
  if (response === 'spam') return 'recorded'
  const now = Date.now()
  const day = jakartaDay(now)
  if (f.reasons !== undefined) {
    await replaceReasons(db, {
      siteId: f.site,
      opd: f.opd,
      article: f.article,
      reader: f.reader,
      reasons: [...f.reasons],
      day,
    })
  }
  if (text !== undefined) {
    const key = campaignKey(text)
    const outcome = await recordComment(db, {
      siteId: f.site,
      article: f.article,
      reader: f.reader,
      text,
      campaign: key === null ? null : await sha256Hex(key),
      nowMs: now,
      day,
    })
    if (outcome === 'no_response') return 'no_response'
    if (outcome === 'stored') onCommentStored(now)
  }
  return 'recorded'
}
