/**
 * The address a rate limit is keyed by: Cloudflare's `CF-Connecting-IP`. An IPv6 client
 * usually holds a whole /64, so its first four groups count as one address; otherwise a
 * script would rotate through its own prefix for free.
 */
export function networkAddress(headers: Headers): string {
  const raw = (headers.get('CF-Connecting-IP') ?? '').trim().toLowerCase()
  if (raw === '') return 'unknown'
  if (!raw.includes(':')) return raw
  return ipv6Prefix64(raw)
}

function ipv6Prefix64(address: string): string {
  const [head, tail = ''] = address.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = tail === '' ? [] : tail.split(':')
  const groups = address.includes('::')
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left
  return groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':') + '::/64'
}
