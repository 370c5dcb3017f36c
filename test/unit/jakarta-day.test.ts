import { describe, expect, it } from 'vitest'
import { jakartaDay } from '../../worker/domain/calendar/days'

describe('jakartaDay', () => {
  it('turns the day at 17:00 UTC, midnight in Jakarta', () => {
    expect(jakartaDay(Date.parse('2026-11-21T16:59:59.999Z'))).toBe('2026-11-21')
    expect(jakartaDay(Date.parse('2026-11-21T17:00:00.000Z'))).toBe('2026-11-22')
  })

  it('crosses the year in Jakarta first', () => {
    expect(jakartaDay(Date.parse('2026-12-31T18:00:00Z'))).toBe('2027-01-01')
  })
})
