// Cloudflare's list prices for what a page view of Tanggapan uses, and the arithmetic from
// counts to dollars. As documented on the pages below when written down (PRICES_AS_OF), from
// memory of them without network access: check them before quoting a figure.
//
//   developers.cloudflare.com/workers/platform/pricing/          (Workers Paid, Standard)
//   developers.cloudflare.com/durable-objects/platform/pricing/  (SQLite storage backend)
//   developers.cloudflare.com/d1/platform/pricing/

export const PRICES_AS_OF = '2026-12-07'

/** US dollars per unit beyond what the Workers Paid plan includes each month. */
const PRICES = {
  /** Workers Paid: the monthly minimum, which includes the allowances below. */
  planPerMonth: 5,
  workerRequestsPerMillion: 0.3,
  workerCpuPerMillionMs: 0.02,
  objectRequestsPerMillion: 0.15,
  /** Duration: 128 MB per object whatever it uses, for the wall time it cannot hibernate. */
  objectGbSecondsPerMillion: 12.5,
  objectRowsReadPerMillion: 0.001,
  objectRowsWrittenPerMillion: 1,
  objectStoragePerGbMonth: 0.2,
  d1RowsReadPerMillion: 0.001,
  d1RowsWrittenPerMillion: 1,
  d1StoragePerGbMonth: 0.75,
} as const

/** What the plan includes each month before the prices above apply. */
const INCLUDED = {
  workerRequests: 10_000_000,
  workerCpuMs: 30_000_000,
  objectRequests: 1_000_000,
  objectGbSeconds: 400_000,
  objectRowsRead: 25_000_000_000,
  objectRowsWritten: 50_000_000,
  objectStorageGb: 5,
  d1RowsRead: 25_000_000_000,
  d1RowsWritten: 50_000_000,
  d1StorageGb: 5,
} as const

/** A Durable Object is billed as 128 MB (0.125 GB) whatever it holds. */
const OBJECT_GB = 0.125

/** What one page view uses, on average (bench/cost.ts counts them). */
export interface PerView {
  workerRequests: number
  /** CPU milliseconds of those requests: assumed, not counted (see bench/cost.ts). */
  workerCpuMs: number
  /** Object requests, alarms included. */
  objectRequests: number
  /** Seconds an object could not hibernate (its flush timer armed, a flush awaited). */
  objectSeconds: number
  objectRowsRead: number
  objectRowsWritten: number
  d1RowsRead: number
  d1RowsWritten: number
  /** Bytes the view adds to storage, kept for one month in the per-million figure. */
  objectBytes: number
  d1Bytes: number
}

export type Line = keyof typeof LINES

/** Each priced line: its dollars for `n` views. */
const LINES = {
  'Worker requests': (v: PerView, n: number) =>
    (v.workerRequests * n * PRICES.workerRequestsPerMillion) / 1e6,
  'Worker CPU': (v: PerView, n: number) => (v.workerCpuMs * n * PRICES.workerCpuPerMillionMs) / 1e6,
  'Object requests': (v: PerView, n: number) =>
    (v.objectRequests * n * PRICES.objectRequestsPerMillion) / 1e6,
  'Object duration': (v: PerView, n: number) =>
    (v.objectSeconds * OBJECT_GB * n * PRICES.objectGbSecondsPerMillion) / 1e6,
  'Object rows read': (v: PerView, n: number) =>
    (v.objectRowsRead * n * PRICES.objectRowsReadPerMillion) / 1e6,
  'Object rows written': (v: PerView, n: number) =>
    (v.objectRowsWritten * n * PRICES.objectRowsWrittenPerMillion) / 1e6,
  'Object storage (a month)': (v: PerView, n: number) =>
    (v.objectBytes * n * PRICES.objectStoragePerGbMonth) / 1e9,
  'D1 rows read': (v: PerView, n: number) => (v.d1RowsRead * n * PRICES.d1RowsReadPerMillion) / 1e6,
  'D1 rows written': (v: PerView, n: number) =>
    (v.d1RowsWritten * n * PRICES.d1RowsWrittenPerMillion) / 1e6,
  'D1 storage (a month)': (v: PerView, n: number) =>
    (v.d1Bytes * n * PRICES.d1StoragePerGbMonth) / 1e9,
} satisfies Record<string, (v: PerView, n: number) => number>

/**
 * Dollars per million page views at list price, line by line and in all, before any
 * allowance the plan includes (a national bill is far past them).
 */
export function perMillionViews(v: PerView): { lines: Record<Line, number>; total: number } {
  const lines = Object.fromEntries(
    Object.entries(LINES).map(([name, price]) => [name, price(v, 1e6)]),
  ) as Record<Line, number>
  return { lines, total: Object.values(lines).reduce((a, b) => a + b, 0) }
}

/**
 * A month's bill for `views` page views: the plan, and each usage past what it includes.
 * `storedGb` is what D1 and the objects hold that month (it accumulates under retention).
 */
export function monthlyBill(
  v: PerView,
  views: number,
  storedGb: { d1: number; objects: number },
): number {
  const over = (used: number, included: number, perMillion: number) =>
    (Math.max(0, used - included) * perMillion) / 1e6
  const gbMonths = (gb: number, included: number, perGb: number) =>
    Math.max(0, gb - included) * perGb
  return (
    PRICES.planPerMonth +
    over(v.workerRequests * views, INCLUDED.workerRequests, PRICES.workerRequestsPerMillion) +
    over(v.workerCpuMs * views, INCLUDED.workerCpuMs, PRICES.workerCpuPerMillionMs) +
    over(v.objectRequests * views, INCLUDED.objectRequests, PRICES.objectRequestsPerMillion) +
    over(
      v.objectSeconds * OBJECT_GB * views,
      INCLUDED.objectGbSeconds,
      PRICES.objectGbSecondsPerMillion,
    ) +
    over(v.objectRowsRead * views, INCLUDED.objectRowsRead, PRICES.objectRowsReadPerMillion) +
    over(
      v.objectRowsWritten * views,
      INCLUDED.objectRowsWritten,
      PRICES.objectRowsWrittenPerMillion,
    ) +
    over(v.d1RowsRead * views, INCLUDED.d1RowsRead, PRICES.d1RowsReadPerMillion) +
    over(v.d1RowsWritten * views, INCLUDED.d1RowsWritten, PRICES.d1RowsWrittenPerMillion) +
    gbMonths(storedGb.objects, INCLUDED.objectStorageGb, PRICES.objectStoragePerGbMonth) +
    gbMonths(storedGb.d1, INCLUDED.d1StorageGb, PRICES.d1StoragePerGbMonth)
  )
}
