import { sql, type SQL } from 'drizzle-orm'

export interface ArticleRef {
  siteId: string
  opd: string
  key: string
  title: string | null
}

/** The article's id as a sub-query, so every statement of a batch can find the row it made. */
export function articleId(ref: ArticleRef): SQL {
  return sql`(SELECT id FROM articles WHERE site_id = ${ref.siteId} AND key = ${ref.key})`
}

export function articleExists(ref: ArticleRef): SQL {
  return sql`EXISTS (SELECT 1 FROM articles WHERE site_id = ${ref.siteId} AND key = ${ref.key})`
}

/**
 * Creates the article on first sight, when `allowed` (the abuse bound on new article keys)
 * holds. Its OPD and title are the first ones given, so a later request cannot move an
 * article to another OPD or rename it; a title arrives late only where the first request
 * had none. Refused, the article is not made, its id stays NULL and no later statement of
 * the batch applies.
 */
export function ensureArticle(ref: ArticleRef, nowMs: number, allowed: SQL = sql`1`): SQL {
  return sql`
    INSERT INTO articles (site_id, opd, key, title, first_seen_at)
    SELECT ${ref.siteId}, ${ref.opd}, ${ref.key}, ${ref.title}, ${nowMs} WHERE ${allowed}
    ON CONFLICT (site_id, key) DO UPDATE SET title = coalesce(articles.title, excluded.title)
    WHERE articles.title IS NULL AND excluded.title IS NOT NULL`
}
