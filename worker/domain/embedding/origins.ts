// A site's registered origins (docs/contract.md §4, §10): exact origins as a browser sends them, and
// wildcards `https://*.kuduskab.go.id` for a pemda's OPD subdomains. The rules, as docs/dashboard.md
// («Wildcard origins») states them:
// - a wildcard is `scheme://*.domain`: one `*`, as the whole first label, no port, no path;
// - it matches a subdomain of `domain` at any depth (as CSP's `*.` does), with the same
//   scheme and no port — never `domain` itself, never http for https;
// - `domain` has at least three labels, so no wildcard covers a public suffix such as go.id,
//   ac.id or co.id (every .id public suffix has two labels) or a top-level domain;
// - an origin registered exactly wins over any wildcard, and a longer wildcard over a shorter.

const WILDCARD_PREFIX = /^(https?):\/\/\*\.(.*)$/
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
const MIN_WILDCARD_LABELS = 3
/**
 * The most labels an origin's host may have, and the longest host (RFC 1035's 253). DNS fits
 * up to 127 labels in that; but looking an origin up binds it and each wildcard that could
 * cover it (one a label), D1 takes at most 100 parameters in a statement, and no page of a
 * pemda is that deep. A longer host is no site's: refused unread, never looked up.
 */
const MAX_HOST_LABELS = 64
const MAX_HOST_LENGTH = 253

/** Whether a host is longer than any registered origin may be (see MAX_HOST_LABELS). */
function hostTooLong(host: string): boolean {
  return host.length > MAX_HOST_LENGTH || host.split('.').length > MAX_HOST_LABELS
}

/**
 * Whether `origin` could be any site's at all: false for one whose host is longer than a
 * registered origin may be, so that it is refused before any lookup.
 */
export function mayBeRegistered(origin: string): boolean {
  return !URL.canParse(origin) || !hostTooLong(new URL(origin).hostname)
}

/** Why `rule` is not an origin a site may register, or null when it is one. */
export function originRuleProblem(rule: string): string | null {
  if (!rule.includes('*')) return exactOriginProblem(rule)
  const match = WILDCARD_PREFIX.exec(rule)
  if (match === null || match[2].includes('*')) {
    return `${rule}: a wildcard origin is written like https://*.kuduskab.go.id (one * as the whole first label)`
  }
  const domain = match[2]
  if (/[:/]/.test(domain)) return `${rule}: a wildcard origin takes no port and no path`
  const labels = domain.split('.')
  if (hostTooLong(`x.${domain}`) || !labels.every((l) => LABEL.test(l))) {
    return `${rule}: the domain after *. must be lowercase letters, digits and hyphens, like kuduskab.go.id`
  }
  if (/^\d+$/.test(labels[labels.length - 1])) {
    return `${rule}: a wildcard covers a domain name, not an address`
  }
  if (labels.length < MIN_WILDCARD_LABELS) {
    return `${rule} is too broad: a wildcard needs a domain of at least three labels, like https://*.kuduskab.go.id`
  }
  return null
}

function exactOriginProblem(rule: string): string | null {
  const ok =
    URL.canParse(rule) &&
    ['https:', 'http:'].includes(new URL(rule).protocol) &&
    new URL(rule).origin === rule
  if (!ok) {
    return 'each origin must be written like https://diskominfo.kuduskab.go.id (no path, no trailing slash)'
  }
  return hostTooLong(new URL(rule).hostname)
    ? `${rule.slice(0, 80)}…: a host has at most ${MAX_HOST_LENGTH} characters in ${MAX_HOST_LABELS} labels`
    : null
}

/**
 * The wildcards that would match `origin`, most specific first: what to look up besides the
 * origin itself. None for an origin with a port, an address, or anything not in a browser's
 * own form.
 */
export function wildcardsFor(origin: string): string[] {
  if (!URL.canParse(origin)) return []
  const url = new URL(origin)
  if (url.origin !== origin || url.port !== '' || !['https:', 'http:'].includes(url.protocol)) {
    return []
  }
  const labels = url.hostname.split('.')
  if (url.hostname.startsWith('[') || /^\d+$/.test(labels[labels.length - 1])) return []
  const found: string[] = []
  for (let i = 1; labels.length - i >= MIN_WILDCARD_LABELS; i++) {
    found.push(`${url.protocol}//*.${labels.slice(i).join('.')}`)
  }
  return found
}

/**
 * The registered rule that decides whose `origin` is, among `registered` (the rules found for
 * it): the origin itself, else the most specific wildcard that matches it, else null.
 */
export function decidingRule(origin: string, registered: readonly string[]): string | null {
  if (registered.includes(origin)) return origin
  return wildcardsFor(origin).find((w) => registered.includes(w)) ?? null
}
