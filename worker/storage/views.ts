import { sql } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import { articleId, ensureArticle, type ArticleRef } from './article-statements'

/**
 * Counts a view at most once per reader, article and Asia/Jakarta day, in one batch: the
 * counters move only when the day's mark is new, and the mark is written last.
 */
export async function recordView(db: Db, ref: ArticleRef, reader: string, nowMs: number, day: string) {
  const id = articleId(ref)
  const seen = sql`SELECT 1 FROM view_marks WHERE article_id = ${id} AND reader = ${reader} AND day = ${day}`
  await batch(db, [
    ensureArticle(ref, nowMs),
    sql`UPDATE articles SET views = views + 1 WHERE id = ${id} AND NOT EXISTS (${seen})`,
    sql`INSERT INTO article_days (article_id, day, views)
      SELECT ${id}, ${day}, 1 WHERE NOT EXISTS (${seen})
      ON CONFLICT (article_id, day) DO UPDATE SET views = views + 1`,
    sql`INSERT INTO opd_days (site_id, opd, day, views)
      SELECT ${ref.siteId}, opd, ${day}, 1 FROM articles WHERE id = ${id} AND NOT EXISTS (${seen})
      ON CONFLICT (site_id, opd, day) DO UPDATE SET views = views + 1`,
    sql`INSERT INTO view_marks (article_id, reader, day) VALUES (${id}, ${reader}, ${day})
      ON CONFLICT DO NOTHING`,
  ])
}
