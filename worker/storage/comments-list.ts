import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client'
import type { RatingValue } from '../domain/figures/rating-scale'
import {
  COMMENT_FOLLOW_UP,
  type FollowUpStatus,
  OPEN_FOLLOW_UP,
} from '../domain/comments/comment-follow-up'
import { equalities, siteInRegion } from '../db/sql'

/** The list's `status` filter: visible (all but hidden), open (not yet done), hidden, or one step. */
export const COMMENT_STATUSES = ['visible', 'open', 'hidden', ...COMMENT_FOLLOW_UP] as const
export type CommentStatus = (typeof COMMENT_STATUSES)[number]

export interface CommentFilter {
  site?: string
  opd?: string
  region?: string
  article?: string
  rating?: number
  from?: string
  to?: string
  status: CommentStatus
}

export interface CommentRow {
  id: number
  site: string
  opd: string
  article: string
  title: string | null
  rating: RatingValue
  text: string
  day: string
  /** Rounded down to the hour (COMMENT_TIME_STEP_MS). */
  created_at: number
  hidden: number
  status: FollowUpStatus
  /** Internal: for the OPD and its supervisors only. */
  note: string | null
  /** Public, «Tanggapan OPD». */
  reply: string | null
  lapor_tracking_id: string | null
  /** Whole hours from the comment to its «selesai», null while not done. */
  hours_to_done: number | null
}

const inList = (list: readonly string[]) =>
  sql.join(
    list.map((s) => sql`${s}`),
    sql`, `,
  )

function statusCondition(status: CommentStatus): SQL {
  if (status === 'visible') return sql`c.hidden = 0`
  if (status === 'hidden') return sql`c.hidden = 1`
  if (status === 'open') return sql`c.hidden = 0 AND c.status IN (${inList(OPEN_FOLLOW_UP)})`
  return sql`c.hidden = 0 AND c.status = ${status}`
}

/** When a comment was written is shown to the hour: milliseconds would let an OPD match a commenter to its own web logs. */
const COMMENT_TIME_STEP_MS = 3_600_000
// Inlined, not bound: D1 binds numbers as REAL, and a REAL divisor would not round.
const HOUR = sql.raw(String(COMMENT_TIME_STEP_MS))

/** The comments of a filter, whatever their status (the rows every list query starts from). */
function filtered(f: Omit<CommentFilter, 'status'>): SQL {
  return sql`FROM comments c
      JOIN responses r ON r.article_id = c.article_id AND r.reader = c.reader
      JOIN articles a ON a.id = c.article_id
    WHERE r.spam = 0 AND c.day BETWEEN ${f.from ?? '0000-01-01'} AND ${f.to ?? '9999-12-31'}
      AND ${equalities([
        [sql`a.site_id`, f.site],
        [sql`a.opd`, f.opd],
        [sql`a.key`, f.article],
      ])}
      AND ${siteInRegion(sql`a.site_id`, f.region)}
      AND (${f.rating ?? null} IS NULL OR r.rating = ${f.rating ?? null})`
}

/**
 * Comments with the rating their reader gives now, newest hour first and by id within it.
 * Comments whose response an admin excluded as spam are left out like the response itself.
 */
export function listComments(db: Db, f: CommentFilter, limit: number) {
  return db.all<CommentRow>(sql`
    SELECT c.id, a.site_id AS site, a.opd, a.key AS article, a.title, r.rating, c.text, c.day,
      c.created_at / ${HOUR} * ${HOUR} AS created_at, c.hidden, c.status, c.note, c.reply,
      c.lapor_tracking_id,
      CASE WHEN c.done_at IS NULL THEN NULL
        ELSE max(0, round((c.done_at - c.created_at) / 3600000.0)) END AS hours_to_done
    ${filtered(f)} AND ${statusCondition(f.status)}
    ORDER BY c.created_at / ${HOUR} DESC, c.id DESC LIMIT ${limit}`)
}

export type FollowUpCounts = Record<FollowUpStatus, number> & {
  /** The mean hours from comment to «selesai» of the done ones, null when none is. */
  avg_hours_to_done: number | null
}

/** How many visible comments of the filter are at each follow-up step, and how fast «selesai» came. */
export async function followUpCounts(
  db: Db,
  f: Omit<CommentFilter, 'status'>,
): Promise<FollowUpCounts> {
  const rows = await db.all<{ status: FollowUpStatus; n: number; hours: number | null }>(sql`
    SELECT c.status, count(*) AS n,
      avg(CASE WHEN c.status = 'selesai' THEN (c.done_at - c.created_at) / 3600000.0 END) AS hours
    ${filtered(f)} AND c.hidden = 0 GROUP BY c.status`)
  const counts = Object.fromEntries(COMMENT_FOLLOW_UP.map((s) => [s, 0])) as FollowUpCounts
  counts.avg_hours_to_done = null
  for (const r of rows) {
    counts[r.status] = r.n
    if (r.status === 'selesai' && r.hours !== null) {
      counts.avg_hours_to_done = Math.round(r.hours * 10) / 10
    }
  }
  return counts
}

/**
 * An article's public replies («Tanggapan OPD»): answered comments neither hidden nor from a
 * response excluded as spam. Only the OPD's reply and its day are public: the reader's comment
 * was written to the OPD, not to the public, so it is not shown.
 */
export const publicReplies = (site: string, article: string) => sql`
  FROM comments c
    JOIN articles a ON a.id = c.article_id
    JOIN responses r ON r.article_id = c.article_id AND r.reader = c.reader
  WHERE a.site_id = ${site} AND a.key = ${article} AND c.reply IS NOT NULL
    AND c.hidden = 0 AND r.spam = 0`

/** An article's public replies, newest first. */
export function articleReplies(db: Db, site: string, article: string, limit: number) {
  return db.all<{ reply: string; replied_at: number }>(sql`
    SELECT c.reply, c.replied_at ${publicReplies(site, article)}
    ORDER BY c.replied_at DESC, c.id DESC LIMIT ${limit}`)
}

/** Where a comment belongs (for the scope check before it is changed), or null. */
export async function commentPlace(db: Db, id: number) {
  const row = await db.get<{ site: string; opd: string } | undefined>(sql`
    SELECT a.site_id AS site, a.opd FROM comments c JOIN articles a ON a.id = c.article_id
    WHERE c.id = ${id}`)
  return row ?? null
}
