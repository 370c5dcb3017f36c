import { useEffect, useRef, useState } from 'preact/hooks'
import { daySpan } from '../../worker/domain/calendar/days'
import type { Interval } from '../../worker/domain/calendar/intervals'
import { parsePeriod } from '../../worker/domain/calendar/periods'
import { RATINGS } from '../../worker/domain/figures/rating-scale'
import { query } from '../lib/api'
import { fmt, T } from '../lib/i18n'
import type { Range, SeriesRow } from '../lib/types'
import { type Loaded, useApi } from '../lib/use-api'
import { rangeQuery } from './date-range'

const W = 960
const H = 240
const PAD = { left: 40, right: 44, top: 12, bottom: 28 }

/** Up to about two months a column a day, up to about a year a week, beyond that a month. */
function intervalFor(days: number): Interval {
  return days <= 62 ? 'day' : days <= 366 ? 'week' : 'month'
}

const INTERVAL_WORDS: Record<Interval, [string, string]> = {
  day: ['hari', 'day'],
  week: ['minggu', 'week'],
  month: ['bulan', 'month'],
}

export interface Series {
  path: string
  interval: Interval
  loaded: Loaded<{ rows: SeriesRow[] }>
}

/**
 * The series of a scope (site, OPD) over the range, at a readable interval. A range open at
 * an end has no known length: its days are asked first, then weeks or months when they span
 * more than a readable chart of days.
 */
export function useSeries(scope: { site?: string; opd?: string }, range: Range, on = true): Series {
  const p = range.period ? parsePeriod(range.period) : null
  const from = p?.from ?? range.from
  const to = p?.to ?? range.to
  const known = from && to ? intervalFor(daySpan(from, to)) : null
  const [measured, setMeasured] = useState<Interval>('day')
  const interval = known ?? measured
  const path = `/api/v1/stats/timeseries${query({ ...scope, ...rangeQuery(range), interval })}`
  const loaded = useApi<{ rows: SeriesRow[] }>(on ? path : null)
  const days = known === null && loaded.state === 'ready' && interval === 'day'
  const span = days ? loaded.data.rows.length : 0
  useEffect(() => {
    if (span > 62) setMeasured(intervalFor(span))
  }, [span])
  useEffect(() => setMeasured('day'), [range.from, range.to, range.period])
  return { path, interval, loaded }
}

const monthFormat = new Intl.DateTimeFormat('id-ID', {
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
})

/** A row's label on the axis: 11-20 for a day, the week's first day, Nov 2026 for a month. */
function axisLabel(r: SeriesRow): string {
  if ('day' in r) return r.day.slice(5)
  if ('week' in r) return r.from.slice(5)
  return monthFormat.format(new Date(`${r.month}-01T00:00:00Z`))
}

const stepName = (r: SeriesRow) => ('day' in r ? r.day : `${r.from} – ${r.to}`)

/**
 * The trend: each step's answers as stacked columns (left axis, responses) and its IKM as a
 * line (right axis, 25–100). Plain SVG, no chart library.
 */
export function TrendChart({ rows, interval }: { rows: SeriesRow[]; interval: Interval }) {
  if (rows.length === 0)
    return (
      <p class="muted">
        <T id="Belum ada data pada rentang ini." en="No data in this range." />
      </p>
    )
  const [per, perEn] = INTERVAL_WORDS[interval]
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const maxTotal = Math.max(1, ...rows.map((r) => r.total))
  const step = plotW / rows.length
  const barW = Math.max(1, step * 0.7)
  const yIkm = (v: number) => PAD.top + plotH - ((v - 25) / 75) * plotH
  const xMid = (i: number) => PAD.left + step * i + step / 2
  // The IKM line breaks over steps without answers instead of bridging them.
  const segments: string[][] = [[]]
  rows.forEach((r, i) => {
    if (r.ikm === null) segments.push([])
    else segments[segments.length - 1].push(`${xMid(i).toFixed(1)},${yIkm(r.ikm).toFixed(1)}`)
  })
  const points = segments.flat()
  const labelEvery = Math.ceil(rows.length / 8)
  return (
    <figure class="trend" data-interval={interval}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Tren per ${per} / trend per ${perEn}`}>
        <line
          class="axis"
          x1={PAD.left}
          x2={W - PAD.right}
          y1={PAD.top + plotH}
          y2={PAD.top + plotH}
        />
        <text class="tick" x={PAD.left - 6} y={PAD.top + 4} text-anchor="end">
          {maxTotal}
        </text>
        <text class="tick" x={PAD.left - 6} y={PAD.top + plotH} text-anchor="end">
          0
        </text>
        <text class="tick ikm-tick" x={W - PAD.right + 6} y={PAD.top + 4}>
          100
        </text>
        <text class="tick ikm-tick" x={W - PAD.right + 6} y={PAD.top + plotH}>
          25
        </text>
        {rows.map((r, i) => {
          let top = PAD.top + plotH
          return (
            <g key={stepName(r)} class="day">
              <title>{`${stepName(r)}: ${fmt.n(r.total)} tanggapan / responses, IKM ${fmt.ikm(r.ikm)}, ${fmt.n(r.views)} dilihat / views`}</title>
              {RATINGS.map((rating) => {
                const h = (r.counts[rating.key] / maxTotal) * plotH
                top -= h
                return h > 0 ? (
                  <rect
                    class={`r-${rating.key}`}
                    x={xMid(i) - barW / 2}
                    y={top}
                    width={barW}
                    height={h}
                  />
                ) : null
              })}
              {i % labelEvery === 0 && (
                <text class="tick" x={xMid(i)} y={H - 8} text-anchor="middle">
                  {axisLabel(r)}
                </text>
              )}
            </g>
          )
        })}
        {segments
          .filter((s) => s.length > 1)
          .map((s) => (
            <polyline class="ikm-line" points={s.join(' ')} />
          ))}
        {points.map((p) => {
          const [cx, cy] = p.split(',')
          return <circle class="ikm-dot" cx={cx} cy={cy} r="2.5" />
        })}
      </svg>
      <figcaption>
        <T
          id={`Kolom: tanggapan per ${per} (kiri). Garis: IKM per ${per} (kanan, 25–100).`}
          en={`Columns: responses per ${perEn} (left). Line: IKM per ${perEn} (right, 25–100).`}
        />
      </figcaption>
    </figure>
  )
}

/**
 * A ranking row's trend: its IKM per step as a small line, asked only once the row is on
 * screen, so a province's hundred OPDs do not send a hundred requests at once.
 */
export function Sparkline({ site, opd, range }: { site: string; opd?: string; range: Range }) {
  const ref = useRef<HTMLSpanElement>(null)
  const [seen, setSeen] = useState(false)
  useEffect(() => {
    const el = ref.current
    if (!el || seen) return
    const watch = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true)
    })
    watch.observe(el)
    return () => watch.disconnect()
  }, [seen])
  const { loaded, interval } = useSeries({ site, opd }, range, seen)
  const rows = loaded.state === 'ready' ? loaded.data.rows : []
  const answered = rows.map((r, i) => [i, r.ikm] as const).filter(([, v]) => v !== null)
  const x = (i: number) => (rows.length > 1 ? (i / (rows.length - 1)) * 80 : 40)
  const y = (v: number) => 18 - ((v - 25) / 75) * 16
  const line = answered.map(([i, v]) => `${x(i).toFixed(1)},${y(v!).toFixed(1)}`).join(' ')
  const [per, perEn] = INTERVAL_WORDS[interval]
  return (
    <span ref={ref} class="sparkline">
      {answered.length > 0 && (
        <svg
          viewBox="0 0 80 20"
          width="80"
          height="20"
          role="img"
          aria-label={`IKM per ${per} / per ${perEn}: ${answered.map(([, v]) => fmt.ikm(v)).join(', ')}`}
        >
          <polyline points={line} fill="none" stroke="#0b5cad" stroke-width="1.5" />
        </svg>
      )}
    </span>
  )
}
