import { sql } from 'drizzle-orm'
import type { Db } from '../db/client'

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
