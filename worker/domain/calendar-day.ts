// Statistics speak in Asia/Jakarta calendar days (`YYYY-MM-DD`, as jakarta-day.ts makes them);
// arithmetic on them is plain UTC date arithmetic, since a day label has no time zone left.

const DAY_MS = 86_400_000
const FORMAT = /^\d{4}-\d{2}-\d{2}$/

/** True for a real calendar day: 2026-02-28 yes, 2026-02-30 and 2026-2-3 no. */
export function isCalendarDay(s: string): boolean {
  if (!FORMAT.test(s)) return false
  const ms = Date.parse(`${s}T00:00:00Z`)
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** Days from `from` to `to`, both included (1 when they are the same day). */
export function daySpan(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1
}

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = []
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day)
  return days
}
