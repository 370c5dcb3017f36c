import { describe, expect, it } from 'vitest'
import { periodChange, previousRange, withChanges } from '../../worker/domain/figures/period-change'
import { parsePeriod, type Period } from '../../worker/domain/calendar/periods'
import type { Counts } from '../../worker/domain/figures/rating-scale'

const counts = (sangat_puas: number, puas: number, cukup_puas: number, tidak_puas: number) => ({
  sangat_puas,
  puas,
  cukup_puas,
  tidak_puas,
})
const period = (id: string) => parsePeriod(id) as Period

describe('previousRange', () => {
  it.each([
    ['2026-Q1', { from: '2025-10-01', to: '2025-12-31', period: '2025-Q4' }],
    ['2026-03', { from: '2026-02-01', to: '2026-02-28', period: '2026-02' }],
    ['2026-S2', { from: '2026-01-01', to: '2026-06-30', period: '2026-S1' }],
    ['2026', { from: '2025-01-01', to: '2025-12-31', period: '2025' }],
  ])('compares period %s with the period of its kind before it', (id, expected) => {
    expect(previousRange({ period: period(id) })).toEqual(expected)
  })

  it('compares from/to with as many days ending the day before from', () => {
    expect(previousRange({ from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: '2026-10-02',
      to: '2026-10-31',
    })
    expect(previousRange({ from: '2026-03-01', to: '2026-03-01' })).toEqual({
      from: '2026-02-28',
      to: '2026-02-28',
    })
  })

  it('has none for an open range or one that would start before 2000', () => {
    expect(previousRange({})).toBeNull()
    expect(previousRange({ from: '2026-11-01' })).toBeNull()
    expect(previousRange({ to: '2026-11-01' })).toBeNull()
    expect(previousRange({ from: '2000-01-01', to: '2000-01-10' })).toBeNull()
    expect(previousRange({ period: period('2000') })).toBeNull()
    expect(previousRange({ from: '2000-01-11', to: '2000-01-20' })).toEqual({
      from: '2000-01-01',
      to: '2000-01-10',
    })
  })
})

describe('periodChange', () => {
  it('gives the previous IKM and the change in points', () => {
    // 12/1/1/2 → 85.94 (docs/contract.md §3); 4/4/4/4 → 62.5.
    expect(periodChange(counts(12, 1, 1, 2), counts(4, 4, 4, 4))).toEqual({
      ikm_prev: 62.5,
      ikm_change: 23.44,
      change_significant: false,
    })
  })

  it('does not call two answers against two answers a real change', () => {
    expect(periodChange(counts(2, 0, 0, 0), counts(0, 0, 0, 2))).toMatchObject({
      ikm_prev: 25,
      ikm_change: 75,
      change_significant: false,
    })
  })

  it('flags a ten-point move over a hundred answers a side, up or down', () => {
    const before = counts(25, 25, 25, 25) // 62.5
    const after = counts(45, 25, 20, 10) // 76.25
    expect(periodChange(after, before)).toMatchObject({
      ikm_change: 13.75,
      change_significant: true,
    })
    expect(periodChange(before, after)).toMatchObject({
      ikm_change: -13.75,
      change_significant: true,
    })
    expect(periodChange(counts(27, 25, 25, 23), before).change_significant).toBe(false)
  })

  it('has no change without answers on either side', () => {
    expect(periodChange(counts(1, 0, 0, 0), counts(0, 0, 0, 0))).toEqual({
      ikm_prev: null,
      ikm_change: null,
      change_significant: false,
    })
    expect(periodChange(counts(0, 0, 0, 0), counts(0, 1, 0, 0))).toEqual({
      ikm_prev: 75,
      ikm_change: null,
      change_significant: false,
    })
  })
})

describe('withChanges', () => {
  const rows = [
    { id: 'a', counts: counts(1, 0, 0, 0) },
    { id: 'b', counts: counts(0, 1, 0, 0) },
  ]
  it('looks each row up by its key; a row missing before had no answer then', () => {
    const before = new Map<string, Counts>([['a', counts(0, 0, 0, 1)]])
    expect(withChanges(rows, (r) => r.id, before)).toMatchObject([
      { id: 'a', ikm_prev: 25, ikm_change: 75 },
      { id: 'b', ikm_prev: null, ikm_change: null, change_significant: false },
    ])
  })

  it('gives every row null changes without a previous range', () => {
    expect(withChanges(rows, (r) => r.id, null)).toMatchObject([
      { ikm_prev: null, ikm_change: null, change_significant: false },
      { ikm_prev: null, ikm_change: null, change_significant: false },
    ])
  })
})
