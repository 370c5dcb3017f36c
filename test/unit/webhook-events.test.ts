import { describe, expect, it } from 'vitest'
import {
  detectionSlice,
  digestDue,
  GRADE_DROP_MIN_ANSWERS,
  gradeDrop,
  gradeWindows,
  isSpike,
  MAX_ATTEMPTS,
  nextAttemptAt,
  retryable,
  signature,
  siteWentSilent,
  spikeThreshold,
} from '../../worker/domain/webhooks/events'
import { checkOutboundUrl, isLocalHost } from '../../worker/domain/webhooks/outbound-url'

const counts = (sangat_puas: number, puas: number, cukup_puas: number, tidak_puas: number) => ({
  sangat_puas,
  puas,
  cukup_puas,
  tidak_puas,
})

describe('ikm.grade_dropped', () => {
  it('fires when the last 7 days fall a grade, with enough answers on both sides', () => {
    // 40 × 4 → 100.00 A; 20 × 4 + 20 × 3 → 87.50 B.
    const drop = gradeDrop(counts(40, 0, 0, 0), counts(20, 20, 0, 0))
    expect(drop).toEqual({
      before: { ikm: 100, grade: 'A', answers: 40 },
      after: { ikm: 87.5, grade: 'B', answers: 40 },
    })
  })

  it(`needs ${GRADE_DROP_MIN_ANSWERS} answers in each week`, () => {
    expect(gradeDrop(counts(29, 0, 0, 0), counts(0, 0, 0, 40))).toBeNull()
    expect(gradeDrop(counts(40, 0, 0, 0), counts(0, 0, 0, 29))).toBeNull()
    expect(gradeDrop(counts(30, 0, 0, 0), counts(0, 0, 0, 30))).not.toBeNull()
  })

  it('stays quiet when the grade holds or rises, however the index moves within it', () => {
    expect(gradeDrop(counts(40, 0, 0, 0), counts(36, 4, 0, 0))).toBeNull() // 100 → 97.5, both A
    expect(gradeDrop(counts(0, 0, 0, 40), counts(40, 0, 0, 0))).toBeNull()
  })

  it('compares two whole weeks that end before today', () => {
    expect(gradeWindows('2026-03-16')).toEqual({
      before: { from: '2026-03-02', to: '2026-03-08' },
      after: { from: '2026-03-09', to: '2026-03-15' },
    })
  })
})

describe('tidak_puas.spike', () => {
  it('is at least 5 in an hour on a quiet article', () => {
    expect(spikeThreshold(0)).toBe(5)
    expect(isSpike(4, 0)).toBe(false)
    expect(isSpike(5, 0)).toBe(true)
  })

  it('is 4 times the usual hourly rate on a busy one', () => {
    // 1,680 in a week = 10 an hour → 40.
    expect(spikeThreshold(1680)).toBe(40)
    expect(isSpike(39, 1680)).toBe(false)
    expect(isSpike(40, 1680)).toBe(true)
  })
})

describe('site.silent', () => {
  const now = Date.parse('2026-03-16T01:00:00Z')
  const HOUR = 3_600_000

  it('fires once a read site has had no view for 24 hours', () => {
    expect(siteWentSilent(now - 24 * HOUR, 13, now)).toBe(true)
    expect(siteWentSilent(now - 23 * HOUR, 13, now)).toBe(false)
  })

  it('ignores a site that is barely read, never read, or silent for over a week', () => {
    expect(siteWentSilent(now - 30 * HOUR, 9, now)).toBe(false)
    expect(siteWentSilent(null, 0, now)).toBe(false)
    expect(siteWentSilent(now - 7 * 24 * HOUR, 50, now)).toBe(false)
  })
})

describe('digest.weekly', () => {
  it('is due on Monday from 07:00 WIB (00:00 UTC), named by that Monday', () => {
    expect(digestDue(Date.parse('2026-03-15T23:59:00Z'))).toBeNull() // Monday 06:59 WIB
    expect(digestDue(Date.parse('2026-03-16T00:00:00Z'))).toBe('2026-03-16')
    expect(digestDue(Date.parse('2026-03-16T16:59:00Z'))).toBe('2026-03-16') // 23:59 WIB
    expect(digestDue(Date.parse('2026-03-16T17:00:00Z'))).toBeNull() // Tuesday in Jakarta
  })
})

describe('retries', () => {
  it('backs off 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, 12 h: over a day, then gives up', () => {
    const t = 1_000_000
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => nextAttemptAt(n, MAX_ATTEMPTS, t)! - t)
    const minute = 60_000
    expect(delays).toEqual([1, 5, 30, 120, 360, 720, 720].map((m) => m * minute))
    expect(delays.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(24 * 60 * minute)
    expect(nextAttemptAt(MAX_ATTEMPTS, MAX_ATTEMPTS, t)).toBeNull()
    expect(nextAttemptAt(1, 1, t)).toBeNull()
  })

  it('retries 5xx, 408, 429 and timeouts, not other answers', () => {
    expect([500, 503, 408, 429, null].map(retryable)).toEqual([true, true, true, true, true])
    expect([400, 404, 410, 301].map(retryable)).toEqual([false, false, false, false])
  })
})

describe('detection slices', () => {
  const sites = (n: number) => Array.from({ length: n }, (_, i) => `s${String(i).padStart(4, '0')}`)
  const minute = 60_000

  for (const n of [1, 7, 552, 600, 5_000]) {
    it(`looks at each of ${n} sites once a round, never more than 25 a minute`, () => {
      const all = sites(n)
      const round = Math.max(15, Math.ceil(n / 25))
      const seen = new Map<string, number>()
      // A round starting at any minute, here 13:07 UTC.
      const start = Date.parse('2026-12-07T13:07:00Z')
      for (let m = 0; m < round; m++) {
        const slice = detectionSlice(all, start + m * minute, 25)
        expect(slice.length).toBeLessThanOrEqual(25)
        for (const s of slice) seen.set(s, (seen.get(s) ?? 0) + 1)
      }
      expect(seen.size).toBe(n)
      expect([...seen.values()].every((k) => k === 1)).toBe(true)
    })
  }
})

describe('webhook URLs', () => {
  it('takes only http(s), without credentials', () => {
    expect(checkOutboundUrl('ftp://example.org/x', false)).toEqual({ ok: false, reason: 'scheme' })
    expect(checkOutboundUrl('javascript:alert(1)', false)).toEqual({ ok: false, reason: 'scheme' })
    expect(checkOutboundUrl('not a url', false)).toEqual({ ok: false, reason: 'form' })
    expect(checkOutboundUrl('https://u:p@example.org/', false)).toEqual({
      ok: false,
      reason: 'form',
    })
    expect(checkOutboundUrl('https://hooks.example.org/t', false).ok).toBe(true)
  })

  it('refuses private, loopback and link-local hosts unless local ones are allowed', () => {
    for (const host of [
      'localhost',
      'api.localhost',
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '[::1]',
      '[fd00::1]',
      '[fe80::1]',
      '[::ffff:127.0.0.1]',
      'intranet',
      'printer.local',
    ]) {
      expect(checkOutboundUrl(`http://${host}:8080/hook`, false), host).toEqual({
        ok: false,
        reason: 'local',
      })
      expect(checkOutboundUrl(`http://${host}:8080/hook`, true).ok, host).toBe(true)
    }
    for (const host of ['8.8.8.8', '172.32.0.1', 'api.telegram.org', '[2001:4860::8888]'])
      expect(isLocalHost(host), host).toBe(false)
  })
})

describe('signature', () => {
  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">, as Stripe signs', async () => {
    // RFC 4231 test case 2's key, over Stripe's signed payload `<t>.<body>`; checked with
    // Web Crypto's verify, not the Worker's sign.
    const body = 'what do ya want for nothing?'
    const header = await signature('Jefe', body, 1_765_000_000_999)
    const [, t, hex] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!
    expect(t).toBe('1765000000')
    const key = await crypto.subtle.importKey(
      'raw',
      new TextEncoder().encode('Jefe'),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    )
    const mac = Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16))
    const signed = (text: string) =>
      crypto.subtle.verify('HMAC', key, mac, new TextEncoder().encode(text))
    expect(await signed(`1765000000.${body}`)).toBe(true)
    // The time is covered: another time, or the body alone, does not verify.
    expect(await signed(`1765000001.${body}`)).toBe(false)
    expect(await signed(body)).toBe(false)
  })
})
