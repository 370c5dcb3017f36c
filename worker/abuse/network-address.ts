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
  return groups
    .slice(0, groupCount)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':') + `::/${groupCount * 16}`
}
