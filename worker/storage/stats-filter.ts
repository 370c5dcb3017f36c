import { and, sql, type SQL } from 'drizzle-orm'

/** Which rows a statistics query reads: optional site/OPD and inclusive Jakarta days. */
export interface StatsFilter {
  site?: string
  opd?: string
  from?: string
  to?: string
}

/** Sums of the roll-up columns of table alias `d`, as the counters of a figures row. */
export const SUMS = sql.raw(`coalesce(sum(d.sangat_puas), 0) AS sangat_puas, coalesce(sum(d.puas), 0) AS puas,
  coalesce(sum(d.cukup_puas), 0) AS cukup_puas, coalesce(sum(d.tidak_puas), 0) AS tidak_puas,
  coalesce(sum(d.views), 0) AS views`)

export interface CounterSums {
  sangat_puas: number
  puas: number
  cukup_puas: number
  tidak_puas: number
  views: number
}

/** `d.day` within the range; day labels compare as text, so BETWEEN is exact. */
export function dayRange(filter: StatsFilter): SQL {
  return sql`d.day BETWEEN ${filter.from ?? '0000-01-01'} AND ${filter.to ?? '9999-12-31'}`
}

/** `column = value` for each given value, ANDed; `1` when none is given. */
export function equalities(pairs: [SQL, string | undefined][]): SQL {
  const parts = pairs.filter(([, v]) => v !== undefined).map(([column, v]) => sql`${column} = ${v}`)
  return parts.length ? and(...parts)! : sql`1`
}
