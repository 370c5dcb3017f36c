// Where the Worker may send a request it was given the URL of (webhooks; CONTRACT §9): only
// http(s), and — deployed — never a private, loopback or link-local address, so a webhook
// cannot be aimed at the operator's own network. Names are judged as written: a Worker
// cannot resolve them first, and Cloudflare's fetch does not reach private networks anyway;
// this refuses what is plainly local.

export type UrlVerdict = { ok: true; url: URL } | { ok: false; reason: 'scheme' | 'form' | 'local' }

const MAX_URL_CHARS = 2048

/** `allowLocal`: loopback and private receivers are fine (npm start, tests). */
export function checkOutboundUrl(text: string, allowLocal: boolean): UrlVerdict {
  if (text.length > MAX_URL_CHARS || !URL.canParse(text)) return { ok: false, reason: 'form' }
  const url = new URL(text)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'scheme' }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'form' }
  if (!allowLocal && isLocalHost(url.hostname)) return { ok: false, reason: 'local' }
  return { ok: true, url }
}

const LOCAL_SUFFIXES = ['.localhost', '.local', '.internal', '.home.arpa', '.lan']

/** A host name or address literal (as URL writes it: IPv6 in brackets) that is not public. */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host.startsWith('[')) return isLocalIpv6(host.slice(1, -1))
  const v4 = ipv4(host)
  if (v4 !== null) return isLocalIpv4(v4)
  // A single label (`intranet`) is only ever a local name.
  if (!host.includes('.') || host === 'localhost') return true
  return LOCAL_SUFFIXES.some((s) => host.endsWith(s))
}

function ipv4(host: string): number[] | null {
  const parts = host.split('.')
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null
  const bytes = parts.map(Number)
  return bytes.every((b) => b <= 255) ? bytes : null
}

function isLocalIpv4([a, b]: number[]): boolean {
  return (
    a === 0 || // this network
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (and cloud metadata)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast and reserved
  )
}

function isLocalIpv6(address: string): boolean {
  const a = address.toLowerCase()
  if (a === '::' || a === '::1') return true
  // IPv4-mapped (::ffff:10.0.0.1; URL writes it ::ffff:a00:1): judged as the IPv4 address.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a)
  if (mapped) {
    const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)]
    return isLocalIpv4([hi >> 8, hi & 255, lo >> 8, lo & 255])
  }
  const first = parseInt(a.split(':')[0] || '0', 16)
  return (
    (first & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (first & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (first & 0xff00) === 0xff00 // multicast
  )
}
