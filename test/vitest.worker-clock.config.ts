import { workerProject } from './vitest.worker.config'

// The clock check: the worker files whose outcome turns on the day, the week, the month or the
// year run again with the clock started at each instant below (test/fixed-clock.ts). Each of
// those files must pass at any hour of any day: a test fixes its own times (`nowMs`) or takes
// every time from one clock, never mixing a fixed day with the real one.
export const CLOCK_INSTANTS = {
  // The weekly digest is due from Monday 07:00 WIB.
  'monday-0800-wib': '2027-01-04T01:00:00Z',
  // The last minute of a Jakarta day, month and year: a day later is another month and year.
  'dec31-2359-wib': '2026-12-31T16:59:00Z',
  // The first minute of a Jakarta day, month and year (still 31 December in UTC).
  'jan01-0000-wib': '2026-12-31T17:00:00Z',
  // A leap day: a year back or forward has no 29 February.
  'feb29-0800-wib': '2028-02-29T01:00:00Z',
} as const

// The files that read the clock or whose subject is days and periods (views once a day,
// retention's cutoff, publications of ended periods, the webhooks' windows, embed health).
const CLOCK_FILES = [
  'comments-follow-up',
  'comments-retention',
  'embed-health',
  'hot-path-features',
  'province-days',
  'publications',
  'reasons',
  'retention',
  'retention-batches',
  'stats-auth',
  'stats-jakarta-day',
  'stats-period',
  'stats-timeseries',
  'transparansi',
  'views',
  'webhooks',
]

export const clockProjects = Object.entries(CLOCK_INSTANTS).map(([name, at]) =>
  workerProject(
    `clock:${name}`,
    { TEST_CLOCK: at },
    CLOCK_FILES.map((f) => `test/worker/${f}.test.ts`),
  ),
)
