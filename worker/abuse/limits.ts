import type { Env } from '../env'

/**
 * The documented bounds (README, «Abuse limits»). New readers from one network address may
 * move one article's numbers by at most these per Asia/Jakarta day; a reader changing their
 * own answer never counts against them. An office behind one NAT with dozens of colleagues
 * reading the same article stays well below.
 */
export const NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY = 50
export const NEW_VIEWS_PER_ADDRESS_ARTICLE_DAY = 100
/** Past this many new readers from one address on one article in a day, answers are flagged. */
export const FLAG_RESPONSES_AFTER = 10
/** Requests per address per minute to the restricted API (statistics, admin). */
export const RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE = 300

/** `RATE_LIMITS=off` (CONTRACT §6) lifts the per-address limits, for load tests from one machine. */
export function rateLimitsOn(env: Env): boolean {
  return (env.RATE_LIMITS ?? 'on').toLowerCase() !== 'off'
}
