import { sql } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import { MINUS_RATING_SUMS, RATING_SUMS } from './articles'

export interface FlaggedArticle {
  site: string
  opd: string
  article: string
  title: string | null
  flagged: number
}

/** Articles with flagged responses not yet excluded, most first. */
export function flaggedArticles(db: Db, siteId: string | null) {
  return db.all<FlaggedArticle>(sql`
    SELECT a.site_id AS site, a.opd, a.key AS article, a.title, count(*) AS flagged
    FROM responses r JOIN articles a ON a.id = r.article_id
    WHERE r.flagged = 1 AND r.spam = 0 AND (${siteId} IS NULL OR a.site_id = ${siteId})
    GROUP BY a.id ORDER BY flagged DESC, a.id LIMIT 200`)
}

const counts = RATING_SUMS
const minus = MINUS_RATING_SUMS

/**
 * Excludes an article's flagged responses as spam, in one batch: they leave the article's
 * counters and the day roll-ups of the article and its OPD on the days they count on, then
 * are marked, so every figure and export stops counting them and nothing drifts.
 * Returns how many were excluded.
 */
export async function excludeFlagged(db: Db, siteId: string, key: string): Promise<number> {
  const id = sql`(SELECT id FROM articles WHERE site_id = ${siteId} AND key = ${key})`
  const flagged = sql`FROM responses WHERE article_id = ${id} AND flagged = 1 AND spam = 0`
  const byDay = sql`(SELECT day, ${counts} ${flagged} GROUP BY day)`
  const results = await batch(db, [
    sql`UPDATE articles SET ${minus} FROM (SELECT ${counts} ${flagged}) AS f WHERE articles.id = ${id}`,
    sql`UPDATE article_days SET ${minus} FROM ${byDay} AS f
      WHERE article_days.article_id = ${id} AND article_days.day = f.day`,
    sql`UPDATE opd_days SET ${minus} FROM ${byDay} AS f
      WHERE opd_days.site_id = ${siteId} AND opd_days.opd = (SELECT opd FROM articles WHERE id = ${id})
        AND opd_days.day = f.day`,
    sql`UPDATE responses SET spam = 1 WHERE article_id = ${id} AND flagged = 1 AND spam = 0`,
  ])
  return results[3].meta.changes
}
