import { describe, expect, it } from 'vitest'
import {
  addDays,
  daySpan,
  eachDay,
  isCalendarDay,
  isDayInRange,
} from '../../worker/domain/calendar/days'

describe('isCalendarDay', () => {
  it.each(['2026-02-28', '2028-02-29', '2026-12-31', '2026-01-01'])('accepts %s', (s) => {
    expect(isCalendarDay(s)).toBe(true)
  })

  it.each([
    '2026-02-30',
    '2026-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-1-5',
    '26-01-05',
    '2026-01-05T00:00',
    ' 2026-01-05',
    '',
  ])('refuses %j', (s) => {
    expect(isCalendarDay(s)).toBe(false)
  })
})

describe('day arithmetic', () => {
  it('crosses months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(daySpan('2026-11-01', '2026-11-01')).toBe(1)
    expect(daySpan('2026-01-01', '2026-12-31')).toBe(365)
    expect(eachDay('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ])
  })
})

describe('the calendar range', () => {
  it('takes 2000-01-01 to 2100-12-31 only', () => {
    expect(['2000-01-01', '2026-11-01', '2100-12-31'].map(isDayInRange)).toEqual([true, true, true])
    expect(['1999-12-31', '2101-01-01', '9999-12-31', '0000-01-01'].map(isDayInRange)).toEqual([
      false,
      false,
      false,
      false,
    ])
  })

  it('lists days by number, so a range at the end of year 9999 still ends', () => {
    // Labels compared as strings stall there: the day after 9999-12-31 is written +010000-01-01.
    expect(eachDay('9999-12-30', '9999-12-31')).toHaveLength(2)
    expect(eachDay('2026-11-02', '2026-11-01')).toEqual([])
    expect(() => eachDay('2000-01-01', '9999-12-31')).toThrow(RangeError)
    expect(eachDay('2000-01-01', '2100-12-31')).toHaveLength(daySpan('2000-01-01', '2100-12-31'))
  })
})
