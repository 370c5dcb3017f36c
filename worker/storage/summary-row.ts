import { sql, type SQL } from 'drizzle-orm'
import type { RatingValue } from '../domain/rating-scale'
import { type CounterSums, counterColumns } from './stats'

export type CounterRow = CounterSums & { opd: string; yours: RatingValue | null }

/** One row: the article's counters and, for a reader, their current answer. */
export function summaryRowQuery(siteId: string, key: string, reader: string | null): SQL {
  return sql`
    SELECT a.opd, ${counterColumns('a')},
      (SELECT rating FROM responses r WHERE r.article_id = a.id AND r.reader = ${reader}) AS yours
    FROM articles a WHERE a.site_id = ${siteId} AND a.key = ${key}`
}
