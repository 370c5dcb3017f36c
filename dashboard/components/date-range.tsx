import { daySpan, jakartaDay } from '../../worker/domain/calendar/days'
import {
  type PeriodKind,
  parsePeriod,
  periodsUpTo,
  periodText,
} from '../../worker/domain/calendar/periods'
import { fmt, T } from '../lib/i18n'
import { ErrorLine, Field } from './form'
import type { Range } from '../lib/types'

/** The Asia/Jakarta day `offsetDays` from today: the days the statistics speak in. */
const dayFromToday = (offsetDays = 0) => jakartaDay(Date.now() + offsetDays * 86_400_000)

const PRESETS = [
  { days: 7, id: '7 hari', en: '7 days' },
  { days: 30, id: '30 hari', en: '30 days' },
  { days: 90, id: '90 hari', en: '90 days' },
]

/** The SKM periods the picker offers, by kind: the one running today and those before it. */
const PERIOD_KINDS: { kind: PeriodKind; count: number; id: string; en: string }[] = [
  { kind: 'year', count: 3, id: 'Tahun', en: 'Year' },
  { kind: 'semester', count: 4, id: 'Semester', en: 'Half-year' },
  { kind: 'quarter', count: 8, id: 'Triwulan', en: 'Quarter' },
  { kind: 'month', count: 12, id: 'Bulan', en: 'Month' },
]

/** The query fields a range asks the API with: its period, or else its from/to. */
export function rangeQuery(range: Range): { from?: string; to?: string; period?: string } {
  return range.period ? { period: range.period } : { from: range.from, to: range.to }
}

/**
 * From/to in Jakarta days (both included), with presets and an SKM period; from after to is
 * refused here. A period sends `period=` and shows its days in the date fields; picking a day
 * or a preset goes back to from/to.
 */
export function DateRange({ range, onChange }: { range: Range; onChange: (r: Range) => void }) {
  const set = (field: 'from' | 'to', value: string) =>
    onChange({ from: range.from, to: range.to, [field]: value || undefined })
  const choosePeriod = (id: string) => {
    const p = parsePeriod(id)
    onChange(p ? { period: p.id, from: p.from, to: p.to } : {})
  }
  const invalid = range.from && range.to && range.from > range.to
  const today = dayFromToday()
  const chosen = range.period ? parsePeriod(range.period) : null
  return (
    <form
      class="range"
      onSubmit={(e) => e.preventDefault()}
      aria-label="Rentang tanggal / date range"
    >
      <Field label={<T id="Dari" en="From" />}>
        <input
          type="date"
          name="from"
          value={range.from ?? ''}
          max={range.to}
          onChange={(e) => set('from', e.currentTarget.value)}
        />
      </Field>
      <Field label={<T id="Sampai" en="To" />}>
        <input
          type="date"
          name="to"
          value={range.to ?? ''}
          min={range.from}
          onChange={(e) => set('to', e.currentTarget.value)}
        />
      </Field>
      <Field label={<T id="Periode SKM" en="SKM period" />}>
        <select
          name="period"
          value={range.period ?? ''}
          onChange={(e) => choosePeriod(e.currentTarget.value)}
        >
          <option value="">— pilih periode / choose a period —</option>
          {PERIOD_KINDS.map((k) => (
            <optgroup key={k.kind} label={`${k.id} / ${k.en}`}>
              {periodsUpTo(k.kind, today, k.count).map((p) => (
                <option key={p.id} value={p.id}>
                  {periodText(p.id)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <div class="presets">
        {PRESETS.map((p) => (
          <button
            type="button"
            key={p.days}
            onClick={() => onChange({ from: dayFromToday(1 - p.days), to: today })}
          >
            <T id={p.id} en={p.en} />
          </button>
        ))}
        <button type="button" onClick={() => onChange({})}>
          <T id="Semua" en="All time" />
        </button>
      </div>
      <p class="period-days" aria-live="polite">
        {chosen && (
          <>
            {periodText(chosen.id)}: {fmt.day(chosen.from)} – {fmt.day(chosen.to)} (
            {daySpan(chosen.from, chosen.to)} <T id="hari" en="days" />
            {today <= chosen.to && (
              <>
                , <T id="masih berjalan" en="still running" />
              </>
            )}
            )
          </>
        )}
      </p>
      <ErrorLine
        error={
          invalid && (
            <T
              id="Tanggal awal harus sebelum tanggal akhir."
              en="The start must not be after the end."
            />
          )
        }
      />
    </form>
  )
}

export function rangeIsValid(range: Range): boolean {
  return !(range.from && range.to && range.from > range.to)
}
