import { RATINGS } from '../../worker/domain/figures/rating-scale'
import { fmt, T } from '../lib/i18n'
import type { DayRow } from '../lib/types'

const W = 960
const H = 240
const PAD = { left: 40, right: 44, top: 12, bottom: 28 }

/**
 * Daily trend: the day's answers as stacked columns (left axis, responses) and the day's
 * IKM as a line (right axis, 25–100). Plain SVG, no chart library.
 */
export function TrendChart({ rows }: { rows: DayRow[] }) {
  if (rows.length === 0)
    return (
      <p class="muted">
        <T id="Belum ada data pada rentang ini." en="No data in this range." />
      </p>
    )
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const maxTotal = Math.max(1, ...rows.map((r) => r.total))
  const step = plotW / rows.length
  const barW = Math.max(1, step * 0.7)
  const yIkm = (v: number) => PAD.top + plotH - ((v - 25) / 75) * plotH
  const xMid = (i: number) => PAD.left + step * i + step / 2
  // The IKM line breaks over days without answers instead of bridging them.
  const segments: string[][] = [[]]
  rows.forEach((r, i) => {
    if (r.ikm === null) segments.push([])
    else segments[segments.length - 1].push(`${xMid(i).toFixed(1)},${yIkm(r.ikm).toFixed(1)}`)
  })
  const points = segments.flat()
  const labelEvery = Math.ceil(rows.length / 8)
  return (
    <figure class="trend">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Tren harian / daily trend">
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
            <g key={r.day} class="day">
              <title>{`${r.day}: ${fmt.n(r.total)} tanggapan / responses, IKM ${fmt.ikm(r.ikm)}, ${fmt.n(r.views)} dilihat / views`}</title>
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
                  {r.day.slice(5)}
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
          id="Kolom: tanggapan per hari (kiri). Garis: IKM harian (kanan, 25–100)."
          en="Columns: responses per day (left). Line: daily IKM (right, 25–100)."
        />
      </figcaption>
    </figure>
  )
}
