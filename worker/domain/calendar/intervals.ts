import { addDays, daySpan } from './days'

// The steps of a statistics series (docs/api.md «Weekly and monthly series»): Asia/Jakarta
// days, ISO weeks (Monday–Sunday) and calendar months, each a run of whole days, so a week's
// or a month's figures are its days' sums.

export const INTERVALS = ['day', 'week', 'month'] as const
export type Interval = (typeof INTERVALS)[number]

/**
 * The ISO 8601 week of a day, `2026-W49`: weeks run Monday to Sunday and belong to the year of
 * their Thursday, so 2026-12-28 … 2027-01-03 is `2026-W53` and 2025-12-29 is `2026-W01`.
 */
export function isoWeek(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7
  const thursday = addDays(day, 3 - weekday)
  const year = thursday.slice(0, 4)
  const week = Math.floor((daySpan(`${year}-01-01`, thursday) - 1) / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** The label of the step a day falls in: the day, its ISO week, or its month `YYYY-MM`. */
export function intervalOf(day: string, interval: Interval): string {
  if (interval === 'week') return isoWeek(day)
  if (interval === 'month') return day.slice(0, 7)
  return day
}

/** One step of a series: its label, its first and last day among those given, their sum. */
export interface Bucket<T> {
  label: string
  from: string
  to: string
  value: T
}

/**
 * Days (in order, one each) gathered into the steps of `interval`, each step's value the sum
 * (`add`) of its days' values. A step at either end of the days holds only the days given:
 * its `from`/`to` say which.
 */
export function groupDays<T>(
  days: { day: string; value: T }[],
  interval: Interval,
  add: (a: T, b: T) => T,
): Bucket<T>[] {
  const buckets: Bucket<T>[] = []
  for (const { day, value } of days) {
    const label = intervalOf(day, interval)
    const last = buckets.at(-1)
    if (last?.label === label) {
      last.to = day
      last.value = add(last.value, value)
    } else buckets.push({ label, from: day, to: day, value })
  }
  return buckets
}
