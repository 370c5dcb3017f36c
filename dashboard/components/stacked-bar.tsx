import { RATINGS, totalOf } from '../../worker/domain/figures/rating-scale'
import { fmt } from '../lib/i18n'
import type { Counts } from '../lib/types'

/** The four answers as one horizontal bar, best first, each part as wide as its share. */
export function StackedBar({ counts, percentages }: { counts: Counts; percentages: Counts }) {
  const total = totalOf(counts)
  if (total === 0)
    return (
      <svg
        class="stack empty"
        viewBox="0 0 100 10"
        preserveAspectRatio="none"
        role="img"
        aria-label="Belum ada tanggapan / no responses yet"
      >
        <rect width="100" height="10" />
      </svg>
    )
  let x = 0
  return (
    <svg
      class="stack"
      viewBox="0 0 100 10"
      preserveAspectRatio="none"
      role="img"
      aria-label={RATINGS.map((r) => `${r.id} ${percentages[r.key]}%`).join(', ')}
    >
      {RATINGS.map((r) => {
        const width = (counts[r.key] / total) * 100
        const part = (
          <rect class={`r-${r.key}`} x={x} width={width} height="10">
            <title>{`${r.id} / ${r.en}: ${fmt.n(counts[r.key])} (${percentages[r.key]} %)`}</title>
          </rect>
        )
        x += width
        return part
      })}
    </svg>
  )
}

export function Legend() {
  return (
    <ul class="legend">
      {RATINGS.map((r) => (
        <li key={r.key}>
          <span class={`swatch r-${r.key}`} />
          {r.id} <span class="en">{r.en}</span>
        </li>
      ))}
    </ul>
  )
}
