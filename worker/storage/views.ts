import { sql } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import {
  type AddressGuard,
  articleAllowed,
  countAttempts,
  guardKeys,
  readerAllowed,
} from './address-guard'
import { articleExists, articleId, type ArticleRef, ensureArticle } from './articles'

/**
 * Counts a view at most once per reader, article and Asia/Jakarta day, in one batch: the
 * counters move only when the day's mark is new, and the mark is written last. With a
 * guard, a new reader past the address's or network's bound is not counted, nor is a new
 * article past the network's bound made. Returns whether this
 * reader's view of today is counted.
 */
export async function recordView(
  db: Db,
  ref: ArticleRef,
  reader: string,
  nowMs: number,
  day: string,
  guard: AddressGuard | null,
): Promise<boolean> {
  const id = articleId(ref)
  const seen = sql`SELECT 1 FROM view_marks WHERE article_id = ${id} AND reader = ${reader} AND day = ${day}`
  const keys = guard ? await guardKeys(guard, ref.siteId, ref.key) : null
  const exists = articleExists(ref)
  const allowed =
    guard && keys ? sql`(${id} IS NOT NULL AND ${readerAllowed(guard, keys, day)})` : sql`1`
  const results = await batch<{ counted: number }>(db, [
    ...(guard && keys
      ? [
          countAttempts(keys, day, sql`NOT EXISTS (${seen})`, sql`NOT ${exists}`),
          ensureArticle(ref, nowMs, articleAllowed(guard, keys, day, exists)),
        ]
      : [ensureArticle(ref, nowMs)]),
    sql`UPDATE articles SET views = views + 1 WHERE id = ${id} AND NOT EXISTS (${seen}) AND ${allowed}`,
    sql`INSERT INTO article_days (article_id, day, views)
      SELECT ${id}, ${day}, 1 WHERE NOT EXISTS (${seen}) AND ${allowed}
      ON CONFLICT (article_id, day) DO UPDATE SET views = views + 1`,
    sql`INSERT INTO opd_days (site_id, opd, day, views, last_view_at)
      SELECT ${ref.siteId}, opd, ${day}, 1, ${nowMs} FROM articles WHERE id = ${id} AND NOT EXISTS (${seen}) AND ${allowed}
      ON CONFLICT (site_id, opd, day) DO UPDATE SET views = views + 1, last_view_at = excluded.last_view_at`,
    sql`INSERT INTO view_marks (article_id, reader, day) SELECT ${id}, ${reader}, ${day} WHERE ${allowed}
      ON CONFLICT DO NOTHING`,
    sql`SELECT EXISTS (${seen}) AS counted`,
  ])
  return results[results.length - 1].results[0].counted === 1
}
