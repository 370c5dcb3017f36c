import { describe, expect, it } from 'vitest'
import {
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
} from '../../worker/domain/events'
import { checkOutboundUrl, isLocalHost } from '../../worker/domain/outbound-url'

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
  it('backs off 1 min, 5 min, 30 min, 2 h, then gives up', () => {
    const t = 1_000_000
    const delays = [1, 2, 3, 4].map((n) => nextAttemptAt(n, MAX_ATTEMPTS, t)! - t)
    expect(delays).toEqual([60_000, 300_000, 1_800_000, 7_200_000])
    expect(nextAttemptAt(MAX_ATTEMPTS, MAX_ATTEMPTS, t)).toBeNull()
    expect(nextAttemptAt(1, 1, t)).toBeNull()
  })

  it('retries 5xx, 408, 429 and timeouts, not other answers', () => {
    expect([500, 503, 408, 429, null].map(retryable)).toEqual([true, true, true, true, true])
    expect([400, 404, 410, 301].map(retryable)).toEqual([false, false, false, false])
  })
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
  it('is HMAC-SHA256 of the body, as hex (RFC 4231, test case 2)', async () => {
    expect(await signature('Jefe', 'what do ya want for nothing?')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    )
  })
})
