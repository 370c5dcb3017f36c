import { sql } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import { jakartaDay } from '../domain/jakarta-day'

const DAY_MS = 86_400_000

/** How long per-reader rows are kept (README, «Privacy»). */
export const RESPONSE_RETENTION_DAYS = 180
/** How long readers' comments are kept (README, «Comments / Komentar»). */
export const COMMENT_RETENTION_DAYS = 90
/** View marks only de-duplicate within a day; hashed addresses and salts live two days. */
export const SHORT_RETENTION_DAYS = 2

export interface RetentionReport {
  responses: number
  viewMarks: number
  rateCounters: number
  salts: number
  comments: number
  commentTextMarks: number
}

/**
 * Drops per-reader rows past their retention and keeps every figure: a dropped response's
 * rating moves into `retired_responses` in the same batch, so an article's counters still
 * equal what is stored, and counters and day roll-ups are not touched at all.
 */
export async function applyRetention(db: Db, nowMs: number): Promise<RetentionReport> {
  const responseCutoff = nowMs - RESPONSE_RETENTION_DAYS * DAY_MS
  const commentCutoff = nowMs - COMMENT_RETENTION_DAYS * DAY_MS
  // Keep today and yesterday (Asia/Jakarta): "never kept past two days".
  const shortCutoffDay = jakartaDay(nowMs - (SHORT_RETENTION_DAYS - 1) * DAY_MS)
  const results = await batch(db, [
    sql`INSERT INTO retired_responses (article_id, sangat_puas, puas, cukup_puas, tidak_puas)
      SELECT article_id, sum(rating = 4), sum(rating = 3), sum(rating = 2), sum(rating = 1)
      FROM responses WHERE answered_at < ${responseCutoff} AND spam = 0 GROUP BY article_id
      ON CONFLICT (article_id) DO UPDATE SET
        sangat_puas = sangat_puas + excluded.sangat_puas, puas = puas + excluded.puas,
        cukup_puas = cukup_puas + excluded.cukup_puas, tidak_puas = tidak_puas + excluded.tidak_puas`,
    sql`DELETE FROM responses WHERE answered_at < ${responseCutoff}`,
    sql`DELETE FROM view_marks WHERE day < ${shortCutoffDay}`,
    sql`DELETE FROM rate_counters WHERE window < ${shortCutoffDay}`,
    sql`DELETE FROM daily_salts WHERE day < ${shortCutoffDay}`,
    sql`DELETE FROM comments WHERE created_at < ${commentCutoff}`,
    sql`DELETE FROM comment_text_marks WHERE day < ${shortCutoffDay}`,
  ])
  return {
    responses: results[1].meta.changes,
    viewMarks: results[2].meta.changes,
    rateCounters: results[3].meta.changes,
    salts: results[4].meta.changes,
    comments: results[5].meta.changes,
    commentTextMarks: results[6].meta.changes,
  }
}
