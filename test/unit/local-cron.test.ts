import { describe, expect, it } from 'vitest'
import { configuredCrons, dueCrons, parseCron } from '../../scripts/local-cron'

// `npm start` fires wrangler.toml's cron triggers itself (wrangler dev never does): which of
// them are due between two instants. Every instant here is explicit, never the clock.

const crons = configuredCrons().map(parseCron)
const at = (iso: string) => Date.parse(iso)

describe('the local cron schedule', () => {
  it('reads the two triggers of wrangler.toml', () => {
    expect(crons.map((c) => c.expression)).toEqual(['30 17 * * *', '* * * * *'])
  })

  it('fires the webhook run at every minute, once per minute', () => {
    expect(dueCrons(crons, at('2026-11-20T05:14:00.050Z'), at('2026-11-20T05:15:00.050Z'))).toEqual(
      ['* * * * *'],
    )
    // Within one minute nothing is due a second time.
    expect(dueCrons(crons, at('2026-11-20T05:15:00.050Z'), at('2026-11-20T05:15:59.999Z'))).toEqual(
      [],
    )
  })

  it('fires retention at 00:30 WIB (17:30 UTC) and at no other minute', () => {
    expect(dueCrons(crons, at('2026-12-31T17:29:00.050Z'), at('2026-12-31T17:30:00.050Z'))).toEqual(
      ['30 17 * * *', '* * * * *'],
    )
    expect(dueCrons(crons, at('2026-12-31T17:30:00.050Z'), at('2026-12-31T17:31:00.050Z'))).toEqual(
      ['* * * * *'],
    )
    // 00:30 in Jakarta is not 00:30 UTC.
    expect(dueCrons(crons, at('2027-01-01T00:29:30Z'), at('2027-01-01T00:30:30Z'))).toEqual([
      '* * * * *',
    ])
  })

  it('runs each trigger once after a machine slept through several of its minutes', () => {
    expect(dueCrons(crons, at('2028-02-28T12:00:00Z'), at('2028-03-02T12:00:00Z'))).toEqual([
      '30 17 * * *',
      '* * * * *',
    ])
  })

  it('understands ranges, steps and lists, and refuses what it cannot fire', () => {
    const quarter = [parseCron('*/15 0-6 * * 1-5')]
    // Monday 2026-11-23 06:45 UTC matches; 07:00 is past the hours; Saturday is not a weekday.
    expect(dueCrons(quarter, at('2026-11-23T06:44:00Z'), at('2026-11-23T06:45:00Z'))).toEqual([
      '*/15 0-6 * * 1-5',
    ])
    expect(dueCrons(quarter, at('2026-11-23T06:59:00Z'), at('2026-11-23T07:00:00Z'))).toEqual([])
    expect(dueCrons(quarter, at('2026-11-28T05:59:00Z'), at('2026-11-28T06:00:00Z'))).toEqual([])
    // Sunday is 0 and 7.
    const sunday = [parseCron('0 0 * * 7')]
    expect(dueCrons(sunday, at('2026-11-28T23:59:00Z'), at('2026-11-29T00:00:00Z'))).toEqual([
      '0 0 * * 7',
    ])
    expect(() => parseCron('0 0 * * MON')).toThrow(/not understood/)
    expect(() => parseCron('61 * * * *')).toThrow(/out of range/)
    expect(() => parseCron('* * * *')).toThrow(/five fields/)
  })
})
