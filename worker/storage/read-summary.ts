import { zeroCounts } from '../domain/rating-scale'
import { buildSummary, type Summary } from '../domain/summary'
import type { Db } from '../db/client'
import { countsOf } from './stats'
import { type CounterRow, summaryRowQuery } from './summary-row'

/** An article's summary as a reader sees it; zeros for an article nobody has answered. */
export async function readSummary(
  db: Db,
  siteId: string,
  article: string,
  reader: string | null,
  opd: string | null = null,
): Promise<Summary> {
  const [row] = await db.all<CounterRow>(summaryRowQuery(siteId, article, reader))
  return summaryFromRow(siteId, article, row, opd)
}

export function summaryFromRow(siteId: string, article: string, row: CounterRow | undefined, opd: string | null = null) {
  return buildSummary({
    site: siteId,
    opd: row?.opd ?? opd,
    article,
    counts: row ? countsOf(row) : zeroCounts(),
    views: row?.views ?? 0,
    yours: row?.yours ?? null,
  })
}
