import type { Context } from 'hono'
import { secondsUntilNextJakartaDay } from '../domain/jakarta-day'
import { ApiError, apiError } from '../errors'

/** 429 past a per-day bound, with `Retry-After` pointing at the next Asia/Jakarta midnight. */
export function tooManyToday(c: Context, nowMs: number, what: string): ApiError {
  c.header('Retry-After', String(secondsUntilNextJakartaDay(nowMs)))
  return apiError('rate_limited', `Too many new ${what} from your network today; try again tomorrow`)
}
