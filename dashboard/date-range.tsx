import { jakartaDay } from '../worker/domain/days'
import { T } from './i18n'
import type { Range } from './types'

/** The Asia/Jakarta day `offsetDays` from today: the days the statistics speak in. */
const dayFromToday = (offsetDays = 0) => jakartaDay(Date.now() + offsetDays * 86_400_000)

const PRESETS = [
  { days: 7, id: '7 hari', en: '7 days' },
  { days: 30, id: '30 hari', en: '30 days' },
  { days: 90, id: '90 hari', en: '90 days' },
]

/** From/to in Jakarta days (both included), with presets; from after to is refused here. */
export function DateRange({ range, onChange }: { range: Range; onChange: (r: Range) => void }) {
  const set = (field: 'from' | 'to', value: string) =>
    onChange({ ...range, [field]: value || undefined })
  const invalid = range.from && range.to && range.from > range.to
  return (
    <form
      class="range"
      onSubmit={(e) => e.preventDefault()}
      aria-label="Rentang tanggal / date range"
    >
      <label>
        <span>
          <T id="Dari" en="From" />
        </span>
        <input
          type="date"
          name="from"
          value={range.from ?? ''}
          max={range.to}
          onChange={(e) => set('from', e.currentTarget.value)}
        />
      </label>
      <label>
        <span>
          <T id="Sampai" en="To" />
        </span>
        <input
          type="date"
          name="to"
          value={range.to ?? ''}
          min={range.from}
          onChange={(e) => set('to', e.currentTarget.value)}
        />
      </label>
      <div class="presets">
        {PRESETS.map((p) => (
          <button
            type="button"
            key={p.days}
            onClick={() => onChange({ from: dayFromToday(1 - p.days), to: dayFromToday() })}
          >
            <T id={p.id} en={p.en} />
          </button>
        ))}
        <button type="button" onClick={() => onChange({})}>
          <T id="Semua" en="All time" />
        </button>
      </div>
      {invalid && (
        <p class="error" role="alert">
          <T
            id="Tanggal awal harus sebelum tanggal akhir."
            en="The start must not be after the end."
          />
        </p>
      )}
    </form>
  )
}

export function rangeIsValid(range: Range): boolean {
  return !(range.from && range.to && range.from > range.to)
}
