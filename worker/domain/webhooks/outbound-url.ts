// Where the Worker may send a request it was given the URL of (webhooks; docs/contract.md §9): only
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
  if (host.includes(':')) return isLocalIpv6(host)
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

/** The eight 16-bit groups of an IPv6 address (a dotted IPv4 tail allowed), or null. */
function ipv6Groups(address: string): number[] | null {
  let text = address
  const tail = /(?:^|:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text)
  if (tail) {
    const v4 = ipv4(tail[1])
    if (v4 === null) return null
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16)
    text = `${text.slice(0, -tail[1].length)}${hex(v4[0], v4[1])}:${hex(v4[2], v4[3])}`
  }
  const halves = text.split('::')
  if (halves.length > 2) return null
  const part = (h: string) => (h === '' ? [] : h.split(':'))
  const [head, rest] = [part(halves[0]), halves.length === 2 ? part(halves[1]) : []]
  const missing = 8 - head.length - rest.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null
  const groups = [...head, ...Array(missing).fill('0'), ...rest]
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null
  return groups.map((g) => parseInt(g, 16))
}

/** The IPv4 address in two groups of an IPv6 one. */
const v4Of = (hi: number, lo: number) => [hi >> 8, hi & 255, lo >> 8, lo & 255]

/**
 * An IPv6 address that reaches a local network: its own local ranges, and every form that
 * carries an IPv4 address a router or the host's stack may turn back into IPv4 (mapped,
 * compatible, SIIT-translated, NAT64, 6to4, Teredo), judged as that IPv4 address, so
 * `[::ffff:7f00:1]` or `[64:ff9b::a00:1]` is no way around the IPv4 rules.
 */
function isLocalIpv6(address: string): boolean {
  const g = ipv6Groups(address.toLowerCase())
  if (g === null) return true // not an address this code can judge: refuse rather than guess
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0)
  if (zeros(0, 5) && (g[5] === 0 || g[5] === 0xffff)) {
    // ::/96 (compatible, and :: and ::1 with it) and ::ffff:0:0/96 (mapped).
    return zeros(0, 7) || isLocalIpv4(v4Of(g[6], g[7]))
  }
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return isLocalIpv4(v4Of(g[6], g[7])) // SIIT
  if (g[0] === 0x64 && g[1] === 0xff9b) {
    // 64:ff9b::/96, the well-known NAT64 prefix; 64:ff9b:1::/48 is for local use only.
    return g[2] !== 0 || !zeros(3, 6) || isLocalIpv4(v4Of(g[6], g[7]))
  }
  if (g[0] === 0x2002) return isLocalIpv4(v4Of(g[1], g[2])) // 6to4
  if (g[0] === 0x2001 && g[1] === 0) {
    // Teredo: the server's address as written, the client's with every bit flipped.
    return isLocalIpv4(v4Of(g[2], g[3])) || isLocalIpv4(v4Of(g[6] ^ 0xffff, g[7] ^ 0xffff))
  }
  return (
    (g[0] & 0xfe00) === 0xfc00 || // unique local fc00::/7
    (g[0] & 0xffc0) === 0xfe80 || // link-local fe80::/10
    (g[0] & 0xffc0) === 0xfec0 || // site-local fec0::/10 (deprecated, still routed by some)
    (g[0] & 0xff00) === 0xff00 || // multicast
    (g[0] === 0x100 && zeros(1, 4)) // discard-only 100::/64
  )
}
