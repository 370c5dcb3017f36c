import { FIRST_DAY, LAST_DAY } from './days'

// SKM reporting periods (PermenPANRB 14/2017; docs/contract.md §8): a year, a semester, a triwulan or
// a month, as inclusive ranges of Asia/Jakarta day labels. Day labels carry no time zone, so
// the ranges are plain UTC calendar arithmetic (days.ts).

export type PeriodKind = 'year' | 'semester' | 'quarter' | 'month'

export interface Period {
  /** The canonical label: `2026`, `2026-S2`, `2026-Q3`, `2026-11`. */
  id: string
  kind: PeriodKind
  year: number
  /** 1-based: which semester, quarter or month of the year (1 for a year). */
  part: number
  /** First and last day, both included (`YYYY-MM-DD`). */
  from: string
  to: string
}

const MONTHS: Record<PeriodKind, number> = { year: 12, semester: 6, quarter: 3, month: 1 }
const FIRST_YEAR = Number(FIRST_DAY.slice(0, 4))
const LAST_YEAR = Number(LAST_DAY.slice(0, 4))

// Upper case only: one spelling per period, so a stored label is also a unique key.
const PERIOD = /^(\d{4})(?:-S([12])|-Q([1-4])|-(0[1-9]|1[0-2]))?$/

export const PERIOD_FORMS =
  'a year (2026), semester (2026-S2), quarter (2026-Q3) or month (2026-11)'

const dayOf = (year: number, month0: number, day: number) =>
  new Date(Date.UTC(year, month0, day)).toISOString().slice(0, 10)

function label(kind: PeriodKind, year: number, part: number): string {
  if (kind === 'year') return String(year)
  if (kind === 'semester') return `${year}-S${part}`
  if (kind === 'quarter') return `${year}-Q${part}`
  return `${year}-${String(part).padStart(2, '0')}`
}

function period(kind: PeriodKind, year: number, part: number): Period | null {
  if (year < FIRST_YEAR || year > LAST_YEAR) return null
  const months = MONTHS[kind]
  const first = (part - 1) * months
  // Day 0 of the month after is the last day of the period: leap years come for free.
  return {
    id: label(kind, year, part),
    kind,
    year,
    part,
    from: dayOf(year, first, 1),
    to: dayOf(year, first + months, 0),
  }
}

/** The period a label names, or null when it is malformed or outside 2000–2100. */
export function parsePeriod(text: string): Period | null {
  const m = PERIOD.exec(text)
  if (m === null) return null
  const year = Number(m[1])
  if (m[2] !== undefined) return period('semester', year, Number(m[2]))
  if (m[3] !== undefined) return period('quarter', year, Number(m[3]))
  if (m[4] !== undefined) return period('month', year, Number(m[4]))
  return period('year', year, 1)
}

/** Whether every day of the period has passed on the Asia/Jakarta day `todayJakarta`. */
export function isOver(p: Period, todayJakarta: string): boolean {
  return todayJakarta > p.to
}

/** The period of the same kind just before (2026-Q1 → 2025-Q4), or null before 2000. */
export function previousPeriod(p: Period): Period | null {
  if (p.part > 1) return period(p.kind, p.year, p.part - 1)
  return period(p.kind, p.year - 1, 12 / MONTHS[p.kind])
}

/** The months of a period, in order (one for a month). */
export function monthsOf(p: Period): Period[] {
  const first = (p.part - 1) * MONTHS[p.kind] + 1
  return Array.from(
    { length: MONTHS[p.kind] },
    (_, i) => period('month', p.year, first + i) as Period,
  )
}

/** The period of `kind` that holds the day `day` (`YYYY-MM-DD`), or null outside 2000–2100. */
export function periodHolding(kind: PeriodKind, day: string): Period | null {
  return period(kind, Number(day.slice(0, 4)), Math.ceil(Number(day.slice(5, 7)) / MONTHS[kind]))
}

/** The `count` periods of `kind` up to the one holding `day`, newest first (fewer near 2000). */
export function periodsUpTo(kind: PeriodKind, day: string, count: number): Period[] {
  const periods: Period[] = []
  for (let p = periodHolding(kind, day); p !== null && periods.length < count; ) {
    periods.push(p)
    p = previousPeriod(p)
  }
  return periods
}

const ROMAN = ['I', 'II', 'III', 'IV']
const monthName = new Intl.DateTimeFormat('id-ID', { month: 'long', timeZone: 'UTC' })

/** A period label in words: Tahun 2026, Semester II 2026, Triwulan III 2026, November 2026. */
export function periodText(id: string): string {
  const p = parsePeriod(id)
  if (p === null) return id
  if (p.kind === 'year') return `Tahun ${p.year}`
  if (p.kind === 'semester') return `Semester ${ROMAN[p.part - 1]} ${p.year}`
  if (p.kind === 'quarter') return `Triwulan ${ROMAN[p.part - 1]} ${p.year}`
  return `${monthName.format(new Date(Date.UTC(p.year, p.part - 1, 1)))} ${p.year}`
}
