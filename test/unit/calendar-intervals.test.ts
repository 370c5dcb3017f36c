import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, eachDay } from '../../worker/domain/calendar/days'
import { groupDays, INTERVALS, intervalOf, isoWeek } from '../../worker/domain/calendar/intervals'

// A weekly or monthly series is its days gathered: the same figures, summed, never averaged.

describe('ISO weeks', () => {
  it.each([
    ['2026-12-07', '2026-W50'],
    ['2026-12-06', '2026-W49'],
    ['2026-12-28', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2025-12-29', '2026-W01'],
    ['2024-12-30', '2025-W01'],
    ['2021-01-03', '2020-W53'],
  ])('puts %s in %s', (day, week) => expect(isoWeek(day)).toBe(week))
})

describe('groupDays', () => {
  const add = (a: number, b: number) => a + b

  it('gathers a month of days into ISO weeks, the ends holding only the days asked', () => {
    const days = eachDay('2026-11-01', '2026-11-30').map((day) => ({ day, value: 1 }))
    expect(groupDays(days, 'week', add)).toEqual([
      { label: '2026-W44', from: '2026-11-01', to: '2026-11-01', value: 1 },
      { label: '2026-W45', from: '2026-11-02', to: '2026-11-08', value: 7 },
      { label: '2026-W46', from: '2026-11-09', to: '2026-11-15', value: 7 },
      { label: '2026-W47', from: '2026-11-16', to: '2026-11-22', value: 7 },
      { label: '2026-W48', from: '2026-11-23', to: '2026-11-29', value: 7 },
      { label: '2026-W49', from: '2026-11-30', to: '2026-11-30', value: 1 },
    ])
  })

  it('gathers days into months YYYY-MM', () => {
    const days = eachDay('2026-01-30', '2026-03-02').map((day) => ({ day, value: 2 }))
    expect(groupDays(days, 'month', add).map((b) => [b.label, b.from, b.to, b.value])).toEqual([
      ['2026-01', '2026-01-30', '2026-01-31', 4],
      ['2026-02', '2026-02-01', '2026-02-28', 56],
      ['2026-03', '2026-03-01', '2026-03-02', 4],
    ])
  })

  const series = fc
    .record({
      start: fc.integer({ min: 0, max: 40_000 }),
      values: fc.array(fc.nat({ max: 1000 }), { maxLength: 800 }),
    })
    .map(({ start, values }) => {
      const first = addDays('2000-01-01', start)
      return values.map((value, i) => ({ day: addDays(first, i), value }))
    })

  it('keeps every day: the buckets sum to the days, and cover them in order', () => {
    fc.assert(
      fc.property(series, fc.constantFrom(...INTERVALS), (days, interval) => {
        const buckets = groupDays(days, interval, add)
        const sum = (xs: number[]) => xs.reduce(add, 0)
        expect(sum(buckets.map((b) => b.value))).toBe(sum(days.map((d) => d.value)))
        const covered = buckets.flatMap((b) => eachDay(b.from, b.to))
        expect(covered).toEqual(days.map((d) => d.day))
        for (const b of buckets) {
          const inside = days.filter((d) => d.day >= b.from && d.day <= b.to)
          expect(inside.every((d) => intervalOf(d.day, interval) === b.label)).toBe(true)
          expect(b.value).toBe(sum(inside.map((d) => d.value)))
        }
        expect(new Set(buckets.map((b) => b.label)).size).toBe(buckets.length)
      }),
    )
  })

  it('makes weeks of at most seven days, each but the first starting on a Monday', () => {
    fc.assert(
      fc.property(series, (days) => {
        groupDays(days, 'week', add).forEach((b, i) => {
          expect(eachDay(b.from, b.to).length).toBeLessThanOrEqual(7)
          if (i > 0) expect(new Date(`${b.from}T00:00:00Z`).getUTCDay()).toBe(1)
        })
      }),
    )
  })
})
