import { describe, expect, it } from 'vitest'
import { addDays, daySpan, eachDay, isCalendarDay } from '../../worker/domain/calendar-day'

describe('isCalendarDay', () => {
  it.each(['2026-02-28', '2028-02-29', '2026-12-31', '2026-01-01'])('accepts %s', (s) => {
    expect(isCalendarDay(s)).toBe(true)
  })

  it.each(['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-1-5', '26-01-05', '2026-01-05T00:00', ' 2026-01-05', ''])(
    'refuses %j',
    (s) => {
      expect(isCalendarDay(s)).toBe(false)
    },
  )
})

describe('day arithmetic', () => {
  it('crosses months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(daySpan('2026-11-01', '2026-11-01')).toBe(1)
    expect(daySpan('2026-01-01', '2026-12-31')).toBe(365)
    expect(eachDay('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])
  })
})
