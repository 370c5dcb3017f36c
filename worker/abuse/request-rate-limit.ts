import type { MiddlewareHandler } from 'hono'
import { apiError } from '../errors'
import {
  PUBLIC_REQUESTS_PER_ADDRESS_MINUTE,
  RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE,
  rateLimitsOn,
} from './limits'
import { networkAddress } from './network-address'
import { type AppEnv, type Env, factory } from '../env'

/**
 * Requests per address and minute through a Workers Rate Limiting binding, before anything
 * reads or writes D1 (the origin lookup, the salt, the token check): a flood, or a token
 * guesser, is refused in memory and never reaches the database. The binding keeps its
 * counters at the edge for the minute only; nothing of the address is stored.
 */
function perMinute(
  binding: (env: Env) => RateLimit,
  limit: number,
  what: string,
): MiddlewareHandler<AppEnv> {
  return factory.createMiddleware(async (c, next) => {
    if (!rateLimitsOn(c.env)) return next()
    const { success } = await binding(c.env).limit({ key: networkAddress(c.req.raw.headers) })
    if (!success) {
      c.header('Retry-After', String(60 - new Date().getUTCSeconds()))
      throw apiError('rate_limited',
        `More than ${limit} requests a minute from your network ${what}; slow down`,
      )
    }
    await next()
  })
}

/** The widget's endpoints (responses, views, summary, comments). */
export const publicRateLimit = perMinute(
  (env) => env.PUBLIC_RATE_LIMIT,
  PUBLIC_REQUESTS_PER_ADDRESS_MINUTE,
  'to the widget API',
)

/** The restricted API (statistics, admin), counted before the token is checked. */
export const restrictedRateLimit = perMinute(
  (env) => env.RESTRICTED_RATE_LIMIT,
  RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE,
  'to the statistics and admin API',
)
