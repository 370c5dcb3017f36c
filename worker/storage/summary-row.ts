import { sql, type SQL } from 'drizzle-orm'
import type { RatingValue } from '../domain/rating-scale'

export interface CounterRow {
  opd: string
  sangat_puas: number
  puas: number
  cukup_puas: number
  tidak_puas: number
  views: number
  yours: RatingValue | null
}

/** One row: the article's counters and, for a reader, their current answer. */
export function summaryRowQuery(siteId: string, key: string, reader: string | null): SQL {
  return sql`
    SELECT a.opd, a.sangat_puas, a.puas, a.cukup_puas, a.tidak_puas, a.views,
      (SELECT rating FROM responses r WHERE r.article_id = a.id AND r.reader = ${reader}) AS yours
    FROM articles a WHERE a.site_id = ${siteId} AND a.key = ${key}`
}
