import { sql } from 'drizzle-orm'
import type { MiddlewareHandler } from 'hono'
import {
  FLAG_NEW_ARTICLES_AFTER,
  FLAG_RESPONSES_AFTER,
  FLAG_KIOSK_SUBMISSIONS_AFTER,
  FLAG_SITE_RESPONSES_AFTER,
  KIOSK_SUBMISSIONS_PER_DEVICE_MINUTE,
  networkAddress,
  NEW_ARTICLES_PER_NETWORK_SITE_DAY,
  NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY,
  NEW_RESPONSES_PER_NETWORK_SITE_DAY,
  NEW_VIEWS_PER_ADDRESS_ARTICLE_DAY,
  NEW_VIEWS_PER_NETWORK_SITE_DAY,
  PUBLIC_REQUESTS_PER_ADDRESS_MINUTE,
  rateLimitsOn,
  RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE,
  siteNetwork,
  WIDGET_ERRORS_PER_NETWORK_SITE_DAY,
} from './limits'
import type { Db } from '../db/client'
import { dailySalts } from '../db/schema'
import { secondsUntilNextJakartaDay } from '../domain/calendar/days'
import { type AppEnv, type Env, factory } from '../env'
import { apiError, type ApiError } from '../errors'
import type { AddressGuard, ResponseGuard } from '../storage/address-guard'
import type { BeaconGuard } from '../storage/embed-health'
import type { SkmGuard } from '../storage/skm-submissions'
import { hmacHex, randomHex } from '../domain/crypto'

export type Hashes = { address: string; network: string }

/** The request's hashed address and network, or null with RATE_LIMITS=off. */
export async function requestHashes(
  env: Env,
  db: Db,
  headers: Headers,
  day: string,
): Promise<Hashes | null> {
  return rateLimitsOn(env) ? networkHashes(db, headers, day) : null
}

/** The response bounds for this request's address and network. */
export function responseGuard(hashes: Hashes | null): ResponseGuard | null {
  if (hashes === null) return null
  return {
    kind: 'r',
    addressHash: hashes.address,
    networkHash: hashes.network,
    limit: NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY,
    siteLimit: NEW_RESPONSES_PER_NETWORK_SITE_DAY,
    articleLimit: NEW_ARTICLES_PER_NETWORK_SITE_DAY,
    flagAfter: FLAG_RESPONSES_AFTER,
    siteFlagAfter: FLAG_SITE_RESPONSES_AFTER,
    articleFlagAfter: FLAG_NEW_ARTICLES_AFTER,
  }
}

/** The view bounds for this request's address and network. */
export function viewGuard(hashes: Hashes | null): AddressGuard | null {
  if (hashes === null) return null
  return {
    kind: 'w',
    addressHash: hashes.address,
    networkHash: hashes.network,
    limit: NEW_VIEWS_PER_ADDRESS_ARTICLE_DAY,
    siteLimit: NEW_VIEWS_PER_NETWORK_SITE_DAY,
    articleLimit: NEW_ARTICLES_PER_NETWORK_SITE_DAY,
  }
}

/** The bound on a network's widget error beacons to a site (storage/embed-health.ts). */
export function beaconGuard(hashes: Hashes | null, site: string): BeaconGuard | null {
  if (hashes === null) return null
  return { key: `e:${hashes.network}:${site}`, limit: WIDGET_ERRORS_PER_NETWORK_SITE_DAY }
}

/**
 * The bound on new SKM respondents from one network to one site a day (storage/skm-submissions.ts):
 * a respondent is a new reader of the news box, so the same budget sizes, in a budget of its own.
 */
export function skmGuard(hashes: Hashes | null, site: string, day: string): SkmGuard | null {
  if (hashes === null) return null
  return {
    key: `k:${hashes.network}:${site}`,
    window: day,
    limit: NEW_RESPONSES_PER_NETWORK_SITE_DAY,
    flagAfter: FLAG_SITE_RESPONSES_AFTER,
  }
}

/**
 * The bound on a kiosk's submissions per minute (worker/abuse/limits.ts), in the same counters
 * and statement as the network's: the device's public id instead of a network's hash, the UTC
 * minute instead of the day. It holds with RATE_LIMITS=off too, since it is about the figures
 * a device may make, not about load.
 */
export function kioskGuard(device: string, nowMs: number): SkmGuard {
  return {
    key: `kd:${device}`,
    window: new Date(nowMs).toISOString().slice(0, 16),
    limit: KIOSK_SUBMISSIONS_PER_DEVICE_MINUTE,
    flagAfter: FLAG_KIOSK_SUBMISSIONS_AFTER,
  }
}

/** 429 past a kiosk's per-minute bound, with `Retry-After` pointing at the next minute. */
export function tooManyThisMinute(nowMs: number): ApiError {
  const seconds = 60 - new Date(nowMs).getUTCSeconds()
  return apiError(
    'rate_limited',
    `More than ${KIOSK_SUBMISSIONS_PER_DEVICE_MINUTE} submissions a minute from this kiosk; wait and send again`,
    { 'Retry-After': String(seconds) },
  )
}

const encoder = new TextEncoder()

// Per isolate: the salt of a day never changes once chosen, so neither does its HMAC key;
// the vote path imports it once a day, not once a request.
const keys = new Map<string, CryptoKey>()

/**
 * The HMAC key from the day's random salt: chosen by the first request of the Asia/Jakarta
 * day (concurrent first requests agree through INSERT OR IGNORE), deleted by the retention
 * job after two days.
 */
async function keyOf(db: Db, day: string): Promise<CryptoKey> {
  const cached = keys.get(day)
  if (cached) return cached
  const fresh = randomHex(32)
  await db.insert(dailySalts).values({ day, salt: fresh }).onConflictDoNothing()
  const row = await db.get<{ salt: string }>(sql`SELECT salt FROM daily_salts WHERE day = ${day}`)
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(row.salt),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  if (keys.size > 4) keys.clear()
  keys.set(day, key)
  return key
}

/**
 * Keyed hashes (HMAC-SHA-256 with the day's salt) of the request's network address and of its
 * site-wide network (an IPv6 /48): stable for one day, unlinkable to the address once the salt
 * is gone. The address itself is never stored.
 */
async function networkHashes(
  db: Db,
  headers: Headers,
  day: string,
): Promise<{ address: string; network: string }> {
  const key = await keyOf(db, day)
  const address = networkAddress(headers)
  const network = siteNetwork(headers)
  const addressMac = await hashWith(key, address)
  return {
    address: addressMac,
    network: network === address ? addressMac : await hashWith(key, network),
  }
}

function hashWith(key: CryptoKey, text: string): Promise<string> {
  return hmacHex(key, text, 16)
}

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
      throw apiError(
        'rate_limited',
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

/** 429 past a per-day bound, with `Retry-After` pointing at the next Asia/Jakarta midnight. */
export function tooManyToday(nowMs: number, what: string): ApiError {
  return apiError(
    'rate_limited',
    `Too many new ${what} from your network today; try again tomorrow`,
    { 'Retry-After': String(secondsUntilNextJakartaDay(nowMs)) },
  )
}
