import { describe, expect, it } from 'vitest'
import { looksScripted, networkAddress, siteNetwork } from '../../worker/abuse/limits'
import { secondsUntilNextJakartaDay } from '../../worker/domain/calendar/days'

const from = (ip?: string) =>
  networkAddress(new Headers(ip === undefined ? {} : { 'CF-Connecting-IP': ip }))

describe('networkAddress', () => {
  it('keeps an IPv4 address whole', () => {
    expect(from('203.0.113.7')).toBe('203.0.113.7')
  })

  it('groups IPv6 by /64, however the address is written', () => {
    expect(from('2001:db8:aa:bb::1')).toBe('2001:db8:aa:bb::/64')
    expect(from('2001:0db8:00aa:00bb:ffff:1:2:3')).toBe('2001:db8:aa:bb::/64')
    expect(from('2001:DB8:AA:BB:0:0:0:9')).toBe('2001:db8:aa:bb::/64')
    expect(from('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(from('::1')).toBe('0:0:0:0::/64')
  })

  it('puts requests without an address in one shared bucket', () => {
    expect(from()).toBe('unknown')
    expect(from('  ')).toBe('unknown')
  })
})

describe('siteNetwork', () => {
  const net = (ip: string) => siteNetwork(new Headers({ 'CF-Connecting-IP': ip }))

  it('keeps IPv4 whole and groups IPv6 by /48 for the site-wide bounds', () => {
    expect(net('203.0.113.7')).toBe('203.0.113.7')
    expect(net('2001:db8:aa:bb::1')).toBe('2001:db8:aa::/48')
    expect(net('2001:db8:aa:ffff:1:2:3:4')).toBe('2001:db8:aa::/48')
    expect(net('2001:db8::1')).toBe('2001:db8:0::/48')
  })
})

describe('looksScripted', () => {
  it('drops a filled honeypot or a superhuman answer, and nothing else', () => {
    expect(looksScripted({ hp: 'x' })).toBe(true)
    expect(looksScripted({ elapsed_ms: 10 })).toBe(true)
    expect(looksScripted({ hp: '', elapsed_ms: 4000 })).toBe(false)
    expect(looksScripted({})).toBe(false)
  })
})

describe('secondsUntilNextJakartaDay', () => {
  it('counts to the next midnight in Jakarta (17:00 UTC)', () => {
    expect(secondsUntilNextJakartaDay(Date.parse('2026-11-22T16:59:00Z'))).toBe(60)
    expect(secondsUntilNextJakartaDay(Date.parse('2026-11-22T17:00:00Z'))).toBe(86_400)
  })
})
