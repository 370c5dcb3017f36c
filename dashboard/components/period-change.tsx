import { periodText } from '../../worker/domain/calendar/periods'
import { fmt, T } from '../lib/i18n'
import type { Figures } from '../lib/types'

/** The range a change is measured against, as every statistics answer gives it (`previous`). */
export interface Previous {
  from: string
  to: string
  period?: string
}

/** The previous range by name: «Oktober 2026» for a period, else its days. */
export function previousName(p: Previous): string {
  return p.period ? periodText(p.period) : `${fmt.day(p.from)} – ${fmt.day(p.to)}`
}

/**
 * The IKM's change against the named previous range: «▲ 3,24 dibanding Oktober 2026», «tetap»
 * when it did not move, and said to be within chance when the two ranges' ranking intervals
 * overlap (change_significant false), so a reader does not act on noise.
 */
export function PeriodChange({ f, previous }: { f: Figures; previous?: Previous | null }) {
  if (!previous || f.ikm_change == null) return null
  const change = f.ikm_change
  const against = previousName(previous)
  return (
    <span
      class={f.change_significant ? 'change sig' : 'change'}
      data-change={change}
      title={`IKM ${against}: ${fmt.ikm(f.ikm_prev ?? null)}`}
    >
      {change === 0 ? (
        <T id="tetap" en="unchanged" />
      ) : (
        `${change < 0 ? '▼' : '▲'} ${fmt.ikm(Math.abs(change))}`
      )}{' '}
      dibanding {against}
      {change !== 0 && !f.change_significant && <> (dalam batas kebetulan)</>}
    </span>
  )
}
