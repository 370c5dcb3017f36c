import { z } from 'zod'
import { FIRST_DAY, LAST_DAY, daySpan, isCalendarDay, isDayInRange } from '../domain/calendar-day'
import { ApiError } from '../errors'
import { opdSlug, siteId } from '../validation/fields'

// Query fields shared by the statistics endpoints (CONTRACT §5, restricted).

/** The longest date range one request may ask for: ten years of days. */
export const MAX_RANGE_DAYS = 3660

const day = (name: string) =>
  z
    .string()
    .refine(isCalendarDay, `${name} must be a calendar day written YYYY-MM-DD, e.g. 2026-11-01`)
    .refine(isDayInRange, `${name} must be a day from ${FIRST_DAY} to ${LAST_DAY}`)

export const statsFields = {
  site: siteId.optional(),
  opd: opdSlug.optional(),
  from: day('from').optional(),
  to: day('to').optional(),
  format: z.enum(['json', 'csv'], { error: 'format must be json or csv' }).default('json'),
}

/** `limit`: a whole number from 1 to `max` in a query string, `fallback` when absent. */
export const rowLimit = (max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d{1,6}$/, `limit must be a whole number from 1 to ${max}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= max, `limit must be a whole number from 1 to ${max}`)
    .default(fallback)

/** from ≤ to, and not more than MAX_RANGE_DAYS days (a timeseries fills every one of them). */
export function checkRange(from: string | undefined, to: string | undefined): void {
  if (from === undefined || to === undefined) return
  if (from > to) throw new ApiError(400, 'invalid_range', `from (${from}) is after to (${to})`)
  if (daySpan(from, to) > MAX_RANGE_DAYS) {
    throw new ApiError(400, 'range_too_long', `Ask for at most ${MAX_RANGE_DAYS} days at once`)
  }
}
