import { sql } from 'drizzle-orm'
import { createMiddleware } from 'hono/factory'
import { database } from '../db/client'
import type { Env } from '../env'
import { ApiError } from '../errors'
import { addressHash } from './address-hash'
import { RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE, rateLimitsOn } from './limits'
import { jakartaDay } from '../domain/jakarta-day'

/**
 * The restricted API (statistics, admin) per address and minute, counted before the token
 * is checked, so guessing tokens is throttled as well as scraping with one.
 */
export const restrictedRateLimit = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  if (!rateLimitsOn(c.env)) return next()
  const now = Date.now()
  const db = database(c.env.DB)
  const key = `a:${await addressHash(db, c.req.raw.headers, jakartaDay(now))}`
  const minute = new Date(now).toISOString().slice(0, 16)
  const row = await db.get<{ count: number }>(sql`INSERT INTO rate_counters (key, window, count)
    VALUES (${key}, ${minute}, 1)
    ON CONFLICT (key, window) DO UPDATE SET count = count + 1 RETURNING count`)
  if (row.count > RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE) {
    c.header('Retry-After', String(60 - new Date(now).getUTCSeconds()))
    throw new ApiError(429, 'rate_limited', `More than ${RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE} requests a minute from your network; slow down`)
  }
  await next()
})
