/** Asia/Jakarta is UTC+7 all year (no daylight saving), so a fixed offset is exact. */
const JAKARTA_OFFSET_MS = 7 * 60 * 60 * 1000

/** The Asia/Jakarta calendar day (`YYYY-MM-DD`) of an instant. */
export function jakartaDay(epochMs: number): string {
  return new Date(epochMs + JAKARTA_OFFSET_MS).toISOString().slice(0, 10)
}

/** Seconds until the next Asia/Jakarta midnight: when a per-day limit opens again. */
export function secondsUntilNextJakartaDay(epochMs: number): number {
  const intoDay = (epochMs + JAKARTA_OFFSET_MS) % 86_400_000
  return Math.ceil((86_400_000 - intoDay) / 1000)
}

// Statistics speak in Asia/Jakarta calendar days (`YYYY-MM-DD`, as jakartaDay above makes them);
// arithmetic on them is plain UTC date arithmetic, since a day label has no time zone left.

const DAY_MS = 86_400_000
const FORMAT = /^\d{4}-\d{2}-\d{2}$/

// Far before the first answer and far after any plan: past year 9999, `toISOString()` writes
// `+010000-01-01`, which sorts before `9999-12-31`, so day labels stop being comparable.
export const FIRST_DAY = '2000-01-01'
export const LAST_DAY = '2100-12-31'

/** True for a real calendar day: 2026-02-28 yes, 2026-02-30 and 2026-2-3 no. */
export function isCalendarDay(s: string): boolean {
  if (!FORMAT.test(s)) return false
  const ms = Date.parse(`${s}T00:00:00Z`)
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === s
}

/** A calendar day from FIRST_DAY to LAST_DAY (the only days statistics take). */
export function isDayInRange(s: string): boolean {
  return isCalendarDay(s) && s >= FIRST_DAY && s <= LAST_DAY
}

const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS)
const dayLabel = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10)

export function addDays(day: string, n: number): string {
  return dayLabel(dayNumber(day) + n)
}

/** Days from `from` to `to`, both included (1 when they are the same day). */
export function daySpan(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from) + 1
}

/** The most days eachDay() lists: the whole calendar range. */
const MAX_DAYS = daySpan(FIRST_DAY, LAST_DAY)

/**
 * Every day from `from` to `to`, both included. Counted by day number, not by comparing
 * labels, so it always ends; more than the whole calendar range is a caller's bug.
 */
export function eachDay(from: string, to: string): string[] {
  const first = dayNumber(from)
  const count = dayNumber(to) - first + 1
  if (!(count <= MAX_DAYS)) throw new RangeError(`eachDay: ${from}..${to} is not a day range`)
  return Array.from({ length: Math.max(0, count) }, (_, i) => dayLabel(first + i))
}
