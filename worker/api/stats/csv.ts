import type { Context, TypedResponse } from 'hono'
import { type CsvCell, toCsv } from '../../domain/exports/csv'
import { RATING_KEYS } from '../../domain/figures/rating-scale'
import type { PeriodChange } from '../../domain/figures/period-change'
import { REASON_KEYS, type ReasonCounts } from '../../domain/comments/reasons'
import type { StatFigures } from '../../domain/figures/stat-figures'
import type { StatsFilter } from '../../storage/stats'

// How the statistics become a spreadsheet download (format=csv): one flat row per JSON row.

// The figures of a statistics row as CSV columns: counts and percentages flattened.
const FIGURE_COLUMNS = [
  'total',
  ...RATING_KEYS,
  ...RATING_KEYS.map((k) => `pct_${k}`),
  'views',
  'response_rate',
  'ikm',
  'grade',
  'ikm_low',
  'ikm_high',
  'required_sample',
  'sample_adequate',
]

function figureCells(f: StatFigures): CsvCell[] {
  return [
    f.total,
    ...RATING_KEYS.map((k) => f.counts[k]),
    ...RATING_KEYS.map((k) => f.percentages[k]),
    f.views,
    f.response_rate,
    f.ikm,
    f.grade,
    f.ikm_low,
    f.ikm_high,
    f.required_sample,
    f.sample_adequate,
  ]
}

// The change from the previous range (period-change.ts), after the figures when rows carry it.
const CHANGE_COLUMNS = ['ikm_prev', 'ikm_change', 'change_significant'] as const

/** The reason counts (docs/contract.md §9) as `reason_<key>` columns, after the figures. */
const REASON_COLUMNS = REASON_KEYS.map((k) => `reason_${k}`)

export interface Table<Row extends StatFigures & { reasons?: ReasonCounts }> {
  /** Names the download: tanggapan-<name>.csv */
  name: string
  /** The columns that say what a row is (site, opd, day, …), before its figures. */
  keys: (keyof Row & string)[]
  rows: Row[]
  /** The rows carry their change from the previous range (PeriodChange). */
  compared?: Row extends PeriodChange ? true : never
}

/** With format=csv, the rows of a JSON answer as an RFC 4180 download. */
export function csvRows<Row extends StatFigures & { reasons?: ReasonCounts }>(
  c: Context,
  table: Table<Row>,
) {
  const change = table.compared ? CHANGE_COLUMNS : []
  // Rows that carry reasons carry all of them (storage/reasons.ts reasonsOf).
  const reasons = table.rows.length === 0 || table.rows[0].reasons !== undefined
  return csvDownload(
    c,
    table.name,
    [...table.keys, ...FIGURE_COLUMNS, ...change, ...(reasons ? REASON_COLUMNS : [])],
    table.rows.map((row) => [
      ...table.keys.map((k) => row[k] as CsvCell),
      ...figureCells(row),
      ...change.map((k) => (row as Row & PeriodChange)[k]),
      ...(row.reasons ? REASON_KEYS.map((k) => row.reasons![k]) : []),
    ]),
  )
}

/**
 * A CSV download, typed as the JSON answer it stands in for (`okOrCsv` in worker/api/operation.ts
 * says why): `never` as its data fits any operation's answer type.
 */
type CsvAnswer = Response & TypedResponse<never, 200, 'json'>

/** An RFC 4180 file with a header row, downloaded as tanggapan-<name>.csv. */
export function csvDownload(
  c: Context,
  name: string,
  columns: readonly string[],
  rows: CsvCell[][],
): CsvAnswer {
  const csv = c.body(toCsv(columns, rows), 200, {
    'Content-Type': 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': `attachment; filename="tanggapan-${name}.csv"`,
  })
  return csv as unknown as CsvAnswer
}

/** A download name from the filters: only slugs and days, so it needs no escaping. */
export function fileName(kind: string, { site, opd, from, to }: StatsFilter): string {
  return [kind, site, opd, from, to].filter((p) => p !== undefined).join('-')
}
