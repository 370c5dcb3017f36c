import { describe, expect, it } from 'vitest'
import { checkOutboundUrl } from '../../worker/domain/webhooks/outbound-url'

// The address filter of webhooks and check-embed: an IPv6 form that carries a local IPv4
// address is as local as that address, however it is written.

const refused = (host: string) => checkOutboundUrl(`http://${host}/x`, false)

/** Every IPv6 form of one IPv4 address (a, b, c, d) that a stack may turn back into it. */
function ipv6Forms([a, b, c, d]: number[]): string[] {
  const hi = ((a << 8) | b).toString(16)
  const lo = ((c << 8) | d).toString(16)
  const dotted = `${a}.${b}.${c}.${d}`
  const flipped = (x: string) => (Number.parseInt(x, 16) ^ 0xffff).toString(16)
  return [
    `[::ffff:${dotted}]`, // IPv4-mapped
    `[::ffff:${hi}:${lo}]`,
    `[0:0:0:0:0:ffff:${hi}:${lo}]`,
    `[::${dotted}]`, // IPv4-compatible
    `[::${hi}:${lo}]`,
    `[::ffff:0:${dotted}]`, // SIIT
    `[64:ff9b::${hi}:${lo}]`, // NAT64
    `[64:ff9b::${dotted}]`,
    `[2002:${hi}:${lo}::]`, // 6to4
    `[2002:${hi}:${lo}:1::1]`,
    `[2001:0:${hi}:${lo}:8000:63bf:f7f7:f7f7]`, // Teredo, the server (client 8.8.8.8)
    `[2001:0:4136:e378:8000:63bf:${flipped(hi)}:${flipped(lo)}]`, // Teredo, the client
  ]
}

const LOCAL_V4 = {
  loopback: [127, 0, 0, 1],
  '10/8': [10, 1, 2, 3],
  '172.16/12': [172, 20, 0, 9],
  '192.168/16': [192, 168, 1, 1],
  '169.254/16 (cloud metadata)': [169, 254, 169, 254],
  '0/8': [0, 0, 0, 0],
  '100.64/10': [100, 100, 7, 7],
}

describe('checkOutboundUrl, deployed', () => {
  it.each(Object.entries(LOCAL_V4))('refuses every IPv6 form of %s', (_name, v4) => {
    for (const host of ipv6Forms(v4)) {
      expect(refused(host), host).toEqual({ ok: false, reason: 'local' })
    }
  })

  it.each([
    '[fec0::1]', // site-local
    '[fefe::1]',
    '[64:ff9b:1::a]', // NAT64 for local use
    '[::]',
    '[::1]',
    '[100::1]', // discard-only
  ])('refuses %s', (host) => {
    expect(refused(host)).toEqual({ ok: false, reason: 'local' })
  })

  it('lets public addresses through, in the same forms', () => {
    for (const host of [...ipv6Forms([8, 8, 8, 8]), '[2001:4860::8888]', '[2606:4700::1111]']) {
      expect(refused(host).ok, host).toBe(true)
    }
  })

  it('takes the same addresses when local ones are allowed (npm start, tests)', () => {
    for (const host of ipv6Forms([127, 0, 0, 1])) {
      expect(checkOutboundUrl(`http://${host}/x`, true).ok, host).toBe(true)
    }
  })
})
