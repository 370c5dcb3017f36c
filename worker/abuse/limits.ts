/**
 * The documented bounds (docs/abuse-limits.md), per Asia/Jakarta day. A reader changing
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
/**
 * Widget error beacons counted per network and site a day. A page load sends at most one per
 * code (three), so this covers a dozen broken page loads behind one carrier-grade NAT address:
 * enough to see that an embed fails, not enough for one network to make it look worse.
 */
export const WIDGET_ERRORS_PER_NETWORK_SITE_DAY = 30
/**
 * Requests per address per minute to the restricted API (statistics, admin); wrangler.toml.
 * An office reaches it from one address with several analysts, and a dashboard page asks for
 * a few dozen figures at once (a sparkline per ranking row): 300 was reached by one person
 * walking the pages.
 */
export const RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE = 1200
/** Requests per address per minute to the public endpoints, before any D1 work; wrangler.toml. */
export const PUBLIC_REQUESTS_PER_ADDRESS_MINUTE = 600

/**
 * SKM submissions one kiosk (a tablet at a service's counter, docs/skm.md «Mode kios») may
 * send in a minute, counted per device instead of per network: an office's one address serves
 * many respondents a day, and a kiosk must not run into the phones' per-network bound. Nine
 * screens by touch and the thank-you take a person half a minute at the least, so one tablet
 * yields about two respondents a minute at its busiest. Answers kept through an outage are sent
 * one per KIOSK_SEND_INTERVAL_MS (at most four in a minute), so an honest kiosk never passes
 * FLAG_KIOSK_SUBMISSIONS_AFTER: more in one minute is a burst no queue of people makes, stored
 * flagged and never counted. Past the limit a submission is refused with 429 and Retry-After,
 * which the kiosk waits out with the answer still queued.
 */
export const KIOSK_SUBMISSIONS_PER_DEVICE_MINUTE = 10
export const FLAG_KIOSK_SUBMISSIONS_AFTER = 5
export const KIOSK_SEND_INTERVAL_MS = 15_000

/** `RATE_LIMITS=off` (docs/contract.md §6) lifts the per-address limits, for load tests from one machine. */
export function rateLimitsOn(env: { RATE_LIMITS?: string }): boolean {
  return (env.RATE_LIMITS ?? 'on').toLowerCase() !== 'off'
}

/**
 * Signals the widget sends that a script posting to the API directly rarely fakes right:
 * `hp`, a honeypot input hidden from people (any value means a bot filled it), and
 * `elapsed_ms`, the time from the widget being shown to the answer. Both are optional, so
 * servers and integrators that send neither are never dropped.
 */
export const FASTEST_HUMAN_ANSWER_MS = 600

export function looksScripted(signals: { hp?: string; elapsed_ms?: number }): boolean {
  if (signals.hp !== undefined && signals.hp !== '') return true
  return signals.elapsed_ms !== undefined && signals.elapsed_ms < FASTEST_HUMAN_ANSWER_MS
}

/**
 * The address a rate limit is keyed by: Cloudflare's `CF-Connecting-IP`. An IPv6 client
 * usually holds a whole /64, so its first four groups count as one address; otherwise a
 * script would rotate through its own prefix for free.
 */
export function networkAddress(headers: Headers): string {
  const raw = clientAddress(headers)
  if (raw === '' || !raw.includes(':')) return raw || 'unknown'
  return ipv6Prefix(raw, 4)
}

/**
 * The network a site-wide bound is keyed by: an IPv4 address as it is (carrier-grade NAT
 * already puts many subscribers behind it), an IPv6 /48 (what one customer site is
 * usually given: 65,536 /64s that one script could otherwise rotate through).
 */
export function siteNetwork(headers: Headers): string {
  const raw = clientAddress(headers)
  if (raw === '' || !raw.includes(':')) return raw || 'unknown'
  return ipv6Prefix(raw, 3)
}

function clientAddress(headers: Headers): string {
  return (headers.get('CF-Connecting-IP') ?? '').trim().toLowerCase()
}

function ipv6Prefix(address: string, groupCount: 3 | 4): string {
  const [head, tail = ''] = address.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = tail === '' ? [] : tail.split(':')
  const groups = address.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left
  return (
    groups
      .slice(0, groupCount)
      .map((g) => g.replace(/^0+(?=.)/, ''))
      .join(':') + `::/${groupCount * 16}`
  )
}
