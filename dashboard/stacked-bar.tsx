import { fmt, RATING_LABELS } from './i18n'
import type { Counts } from './types'

/** The four answers as one horizontal bar, best first, each part as wide as its share. */
export function StackedBar({ counts, percentages }: { counts: Counts; percentages: Counts }) {
  const total = counts.sangat_puas + counts.puas + counts.cukup_puas + counts.tidak_puas
  if (total === 0) return <svg class="stack empty" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="Belum ada tanggapan / no responses yet"><rect width="100" height="10" /></svg>
  let x = 0
  return (
    <svg class="stack" viewBox="0 0 100 10" preserveAspectRatio="none" role="img"
      aria-label={RATING_LABELS.map((r) => `${r.id} ${percentages[r.key]}%`).join(', ')}>
      {RATING_LABELS.map((r) => {
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
      {RATING_LABELS.map((r) => (
        <li key={r.key}>
          <span class={`swatch r-${r.key}`} />
          {r.id} <span class="en">{r.en}</span>
        </li>
      ))}
    </ul>
  )
}
