import { describe, expect, it } from 'vitest'
import { monthlyBill, type PerView, perMillionViews } from '../../bench/cost/pricing'
import { flushWindows, pageViews, MIX, zipfShares } from '../../bench/cost/workload'

// bench/cost/pricing.ts turns counts per page view into dollars; these cases are worked by hand
// from the list prices written there.

const nothing: PerView = {
  workerRequests: 0,
  workerCpuMs: 0,
  objectRequests: 0,
  objectSeconds: 0,
  objectRowsRead: 0,
  objectRowsWritten: 0,
  d1RowsRead: 0,
  d1RowsWritten: 0,
  objectBytes: 0,
  d1Bytes: 0,
}

describe('the price of a million page views', () => {
  it('is $0.45 for one Worker request and one object request, as issue 30 says', () => {
    const { total } = perMillionViews({ ...nothing, workerRequests: 1, objectRequests: 1 })
    expect(total).toBeCloseTo(0.45, 10)
  })

  it('prices a view that holds an object 5 s and writes rows in both stores', () => {
    const { lines, total } = perMillionViews({
      ...nothing,
      workerRequests: 1,
      workerCpuMs: 2,
      objectRequests: 2,
      // 5 s × 0.125 GB = 0.625 GB-s a view; a million views 625,000 GB-s at $12.50 a million.
      objectSeconds: 5,
      objectRowsWritten: 3,
      objectRowsRead: 10,
      d1RowsWritten: 6,
      d1RowsRead: 1,
      // 1,000 B a view: a million views 1 GB, a month at $0.75 in D1 and $0.20 in the objects.
      d1Bytes: 1_000,
      objectBytes: 1_000,
    })
    expect(lines['Worker requests']).toBeCloseTo(0.3, 10)
    expect(lines['Worker CPU']).toBeCloseTo(0.04, 10)
    expect(lines['Object requests']).toBeCloseTo(0.3, 10)
    expect(lines['Object duration']).toBeCloseTo(7.8125, 10)
    expect(lines['Object rows written']).toBeCloseTo(3, 10)
    expect(lines['Object rows read']).toBeCloseTo(0.01, 10)
    expect(lines['D1 rows written']).toBeCloseTo(6, 10)
    expect(lines['D1 rows read']).toBeCloseTo(0.001, 10)
    expect(lines['D1 storage (a month)']).toBeCloseTo(0.75, 10)
    expect(lines['Object storage (a month)']).toBeCloseTo(0.2, 10)
    // 0.3 + 0.04 + 0.3 + 7.8125 + 3 + 0.01 + 6 + 0.001 + 0.75 + 0.2
    expect(total).toBeCloseTo(18.4135, 10)
  })
})

describe('a month’s bill', () => {
  it('charges the plan and only what passes its allowances', () => {
    // 330 million views: (330 M − 10 M) Worker requests at $0.30 a million = $96;
    // (330 M − 1 M) object requests at $0.15 a million = $49.35; plus the $5 plan.
    const bill = monthlyBill({ ...nothing, workerRequests: 1, objectRequests: 1 }, 330e6, {
      d1: 4,
      objects: 2,
    })
    expect(bill).toBeCloseTo(150.35, 6)
  })

  it('charges storage past 5 GB a month in each store', () => {
    // D1 8 GB: 3 GB-months at $0.75; objects 15 GB: 10 GB-months at $0.20.
    expect(monthlyBill(nothing, 0, { d1: 8, objects: 15 })).toBeCloseTo(5 + 2.25 + 2, 10)
  })
})

describe('the cost bench’s workload', () => {
  it('opens one flush window per change that finds none open', () => {
    // Windows of 5 s from 0 (takes 1, 4.9), from 6 (takes 10), from 11.5: three flushes.
    expect(flushWindows([0, 1, 4.9, 6, 10, 11.5], 5)).toBe(3)
  })

  it('is skewed: the most read article twice as often as the second (Zipf 1)', () => {
    const shares = zipfShares(1_200, 1)
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10)
    expect(shares[0] / shares[1]).toBeCloseTo(2, 10)
  })

  it('draws the same views from the same seed, about 3 % of them answered', () => {
    const mix = { ...MIX, views: 3_000 }
    const a = pageViews(mix)
    expect(pageViews(mix)).toEqual(a)
    const answered = a.filter((v) => v.answer).length / a.length
    expect(answered).toBeGreaterThan(0.02)
    expect(answered).toBeLessThan(0.04)
  })
})
