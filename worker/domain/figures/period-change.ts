import { addDays, daySpan, FIRST_DAY } from '../calendar/days'
import { ikm } from './ikm'
import { rankingBounds } from './ikm-interval'
import { type Period, previousPeriod } from '../calendar/periods'
import { type Counts, zeroCounts } from './rating-scale'

// Period over period (issue 15): a statistics row beside the same row of the period before.

/** The range a row is compared with: the period before, or the same number of days before. */
export interface PreviousRange {
  from: string
  to: string
  /** Set when the range asked for was a `period`: the period of the same kind just before. */
  period?: string
}

/**
 * What a range is compared with: for a `period` the one of the same kind before it (2026-Q1 →
 * 2025-Q4, 2026-03 → 2026-02, even when the months differ in length, as SKM reports compare
 * them); for `from`/`to` the equal number of days ending the day before `from`. Null when the
 * range is open at either end, or the previous one would start before the first day.
 */
export function previousRange(q: {
  from?: string
  to?: string
  period?: Period
}): PreviousRange | null {
  if (q.period !== undefined) {
    const p = previousPeriod(q.period)
    return p && { from: p.from, to: p.to, period: p.id }
  }
  if (q.from === undefined || q.to === undefined) return null
  const from = addDays(q.from, -daySpan(q.from, q.to))
  return from < FIRST_DAY ? null : { from, to: addDays(q.from, -1) }
}

export interface PeriodChange {
  /** The IKM of the previous range (null without an answer there). */
  ikm_prev: number | null
  /** ikm − ikm_prev, two decimals; null when either is null. */
  ikm_change: number | null
  /**
   * True when the change is larger than chance explains: the two ranges' ranking intervals
   * (rank_low–rank_high, see rankingBounds) do not overlap.
   */
  change_significant: boolean
}

/**
 * The change from `previous` to `now`. The test is that the two periods' ranking intervals do
 * not overlap: those intervals exist for every sample and never collapse to a point, so two
 * «Sangat Puas» against two «Tidak Puas» is no significant change, while a hundred answers a
 * side moving ten points is. Non-overlap of two 95 % intervals is stricter than a 5 % test, so
 * a flagged change is a real one and an unflagged one may still be.
 */
export function periodChange(now: Counts, previous: Counts): PeriodChange {
  const current = ikm(now)
  const before = ikm(previous)
  if (current === null || before === null) {
    return { ikm_prev: before, ikm_change: null, change_significant: false }
  }
  const a = rankingBounds(now)
  const b = rankingBounds(previous)
  return {
    ikm_prev: before,
    ikm_change: Math.round((current - before) * 100) / 100,
    change_significant: a.low > b.high || a.high < b.low,
  }
}

/** Nothing to compare with: a range open at one end, or before the first day. */
const NO_CHANGE: PeriodChange = { ikm_prev: null, ikm_change: null, change_significant: false }

/**
 * Each row with its change, the previous counts looked up by the row's key (a row missing
 * there had no answer in the previous range). `previous` null: no previous range at all.
 */
export function withChanges<Row extends { counts: Counts }>(
  rows: readonly Row[],
  keyOf: (row: Row) => string,
  previous: ReadonlyMap<string, Counts> | null,
): (Row & PeriodChange)[] {
  return rows.map((row) => {
    if (previous === null) return { ...row, ...NO_CHANGE }
    return { ...row, ...periodChange(row.counts, previous.get(keyOf(row)) ?? zeroCounts()) }
  })
}
