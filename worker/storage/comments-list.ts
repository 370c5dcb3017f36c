import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client'
import { equalities, siteInRegion } from './stats'

export const COMMENT_STATUSES = ['visible', 'open', 'handled', 'hidden'] as const
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
  rating: number
  text: string
  day: string
  /** Rounded down to the hour (COMMENT_TIME_STEP_MS). */
  created_at: number
  handled: number
  hidden: number
}

const STATUS: Record<CommentStatus, SQL> = {
  visible: sql`c.hidden = 0`,
  open: sql`c.hidden = 0 AND c.handled = 0`,
  handled: sql`c.hidden = 0 AND c.handled = 1`,
  hidden: sql`c.hidden = 1`,
}

/** When a comment was written is shown to the hour: milliseconds would let an OPD match a commenter to its own web logs. */
const COMMENT_TIME_STEP_MS = 3_600_000
// Inlined, not bound: D1 binds numbers as REAL, and a REAL divisor would not round.
const HOUR = sql.raw(String(COMMENT_TIME_STEP_MS))

/**
 * Comments with the rating their reader gives now, newest hour first and by id within it.
 * Comments whose response an admin excluded as spam are left out like the response itself.
 */
export function listComments(db: Db, f: CommentFilter, limit: number) {
  return db.all<CommentRow>(sql`
    SELECT c.id, a.site_id AS site, a.opd, a.key AS article, a.title, r.rating, c.text, c.day,
      c.created_at / ${HOUR} * ${HOUR} AS created_at, c.handled, c.hidden
    FROM comments c
      JOIN responses r ON r.article_id = c.article_id AND r.reader = c.reader
      JOIN articles a ON a.id = c.article_id
    WHERE r.spam = 0 AND ${STATUS[f.status]} 
      AND c.day BETWEEN ${f.from ?? '0000-01-01'} AND ${f.to ?? '9999-12-31'}
      AND ${equalities([
        [sql`a.site_id`, f.site],
        [sql`a.opd`, f.opd],
        [sql`a.key`, f.article],
      ])}
      AND ${siteInRegion(sql`a.site_id`, f.region)}
      AND (${f.rating ?? null} IS NULL OR r.rating = ${f.rating ?? null})
    ORDER BY c.created_at / ${HOUR} DESC, c.id DESC LIMIT ${limit}`)
}

/** Where a comment belongs (for the scope check before it is changed), or null. */
export async function commentPlace(db: Db, id: number) {
  const row = await db.get<{ site: string; opd: string } | undefined>(sql`
    SELECT a.site_id AS site, a.opd FROM comments c JOIN articles a ON a.id = c.article_id
    WHERE c.id = ${id}`)
  return row ?? null
}

/** Marks a comment handled or hidden (or neither again). */
export async function setCommentState(
  db: Db,
  id: number,
  state: { handled?: boolean; hidden?: boolean },
) {
  const sets: SQL[] = []
  if (state.handled !== undefined) sets.push(sql`handled = ${state.handled ? 1 : 0}`)
  if (state.hidden !== undefined) sets.push(sql`hidden = ${state.hidden ? 1 : 0}`)
  if (sets.length)
    await db.run(sql`UPDATE comments SET ${sql.join(sets, sql`, `)} WHERE id = ${id}`)
}
