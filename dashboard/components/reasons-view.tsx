import { REASONS, type ReasonCounts } from '../../worker/domain/comments/reasons'
import { fmt, T } from '../lib/i18n'

// «Apa yang kurang?» in the dashboard (docs/contract.md §9): which reasons readers gave, for an OPD as
// a bar list and for each article as a short line. Bars are <meter>s: no inline style, which
// the dashboard's CSP refuses, and a screen reader reads each value.

const total = (r: ReasonCounts) => REASONS.reduce((n, x) => n + r[x.key], 0)

/** The six reasons with a bar each, as long as the most given one at most. */
export function ReasonBars({ reasons }: { reasons: ReasonCounts }) {
  if (total(reasons) === 0) {
    return (
      <p class="muted">
        <T id="Belum ada alasan yang dipilih." en="No reasons given yet." />
      </p>
    )
  }
  const max = Math.max(...REASONS.map((r) => reasons[r.key]))
  return (
    <ul class="reason-bars">
      {REASONS.map((r) => (
        <li key={r.key} data-reason={r.key}>
          <span class="reason-label">
            <T id={r.id} en={r.en} />
          </span>
          <meter min={0} max={max} value={reasons[r.key]} aria-label={`${r.id} / ${r.en}`} />
          <span class="reason-count">{fmt.n(reasons[r.key])}</span>
        </li>
      ))}
    </ul>
  )
}

/** An article's reasons, most given first, on one line («—» when none). */
export function ReasonLine({ reasons }: { reasons: ReasonCounts }) {
  const given = REASONS.filter((r) => reasons[r.key] > 0).sort(
    (a, b) => reasons[b.key] - reasons[a.key],
  )
  if (given.length === 0) return <span class="muted">—</span>
  return (
    <span class="reason-line">
      {given.map((r) => `${r.id} ${fmt.n(reasons[r.key])}`).join(' · ')}
    </span>
  )
}
