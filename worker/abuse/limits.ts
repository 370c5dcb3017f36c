import type { Env } from '../env'

/**
 * The documented bounds (README, «Abuse limits»), per Asia/Jakarta day. A reader changing
 * their own answer never counts against them. "Address" is an IPv4 address or an IPv6 /64;
 * "network" (the site-wide bounds) is an IPv4 address or an IPv6 /48. Indonesian mobile
 * carriers put many subscribers behind one IPv4 address (carrier-grade NAT), so the
 * site-wide bounds flag long before they refuse: a real crowd is plausible there.
 */
export const NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY = 50
export const NEW_VIEWS_PER_ADDRESS_ARTICLE_DAY = 100
/** Past this many new readers from one address on one article in a day, answers are flagged. */
export const FLAG_RESPONSES_AFTER = 10
/** New readers answering any article of one site from one network in a day. */
export const NEW_RESPONSES_PER_NETWORK_SITE_DAY = 1_000
export const FLAG_SITE_RESPONSES_AFTER = 100
/** New readers counted as views of any article of one site from one network in a day. */
export const NEW_VIEWS_PER_NETWORK_SITE_DAY = 3_000
/** New article keys one network may add to a site in a day; answers past the lower one are flagged. */
export const NEW_ARTICLES_PER_NETWORK_SITE_DAY = 200
export const FLAG_NEW_ARTICLES_AFTER = 50
/** New OPD slugs one network may add to a site in a day (the site's cap is 200). */
export const NEW_OPDS_PER_NETWORK_SITE_DAY = 10
/** Requests per address per minute to the restricted API (statistics, admin); wrangler.toml. */
export const RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE = 300
/** Requests per address per minute to the public endpoints, before any D1 work; wrangler.toml. */
export const PUBLIC_REQUESTS_PER_ADDRESS_MINUTE = 600

/** `RATE_LIMITS=off` (CONTRACT §6) lifts the per-address limits, for load tests from one machine. */
export function rateLimitsOn(env: Env): boolean {
  return (env.RATE_LIMITS ?? 'on').toLowerCase() !== 'off'
}
