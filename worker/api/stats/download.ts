import type { Context, TypedResponse } from 'hono'
import { type CsvCell, MACHINE_CSV, toCsv } from '../../domain/exports/csv'
import { toXlsx, type XlsxCell } from '../../domain/exports/xlsx'
import { RATING_KEYS } from '../../domain/figures/rating-scale'
import type { PeriodChange } from '../../domain/figures/period-change'
import { REASON_KEYS, type ReasonCounts } from '../../domain/comments/reasons'
import type { StatFigures } from '../../domain/figures/stat-figures'
import { type Period, periodText } from '../../domain/calendar/periods'
import { OPD_CATEGORIES } from '../../domain/regions/opd-categories'
import { regionOf } from '../../domain/regions/regions'
import type { StatsFilter } from '../../storage/stats'
import { columnWords } from './columns'

// How the statistics become a download (docs/api.md «Downloads»): one flat row per JSON row,
// as CSV (`format=csv`) or as an XLSX workbook (`format=xlsx`). The CSV machines read today
// keeps its English keys, commas and file name; `headers=id` gives the office's CSV
// (Indonesian headers, a byte order mark) and `separator=semicolon` its `;` and decimal commas.

/** How a request asked for its download (the query's `format`, `headers`, `separator`). */
export interface DownloadAsk {
  format: 'json' | 'csv' | 'xlsx'
  headers?: 'keys' | 'id'
  separator?: 'comma' | 'semicolon'
}

// Each table's word in file names, its sheet's name and its title.
const KINDS = {
  opds: { file: 'opd', sheet: 'OPD', title: 'Indeks per OPD' },
  sites: { file: 'situs', sheet: 'Situs', title: 'Indeks per situs' },
  articles: { file: 'artikel', sheet: 'Artikel', title: 'Indeks per artikel' },
  provinces: { file: 'provinsi', sheet: 'Provinsi', title: 'Indeks per provinsi' },
  regencies: {
    file: 'kabupaten-kota',
    sheet: 'Kabupaten-kota',
    title: 'Indeks per kabupaten/kota',
  },
  days: { file: 'harian', sheet: 'Harian', title: 'Tanggapan per hari' },
  weeks: { file: 'mingguan', sheet: 'Mingguan', title: 'Tanggapan per minggu' },
  months: { file: 'bulanan', sheet: 'Bulanan', title: 'Tanggapan per bulan' },
  comments: { file: 'komentar', sheet: 'Komentar', title: 'Komentar pembaca' },
  health: { file: 'kesehatan-widget', sheet: 'Kesehatan widget', title: 'Kesehatan pemasangan' },
  skm_services: { file: 'skm-layanan', sheet: 'SKM per layanan', title: 'SKM per layanan' },
  skm_opds: { file: 'skm-opd', sheet: 'SKM per OPD', title: 'SKM per OPD' },
  skm_sites: { file: 'skm-situs', sheet: 'SKM per situs', title: 'SKM per situs' },
} as const

/** What a download holds: the table, and the scope and range its rows are narrowed to. */
export interface Subject {
  kind: keyof typeof KINDS
  /** The machine CSV's name as it has always been: tanggapan-<csvName>.csv */
  csvName: string
  site?: string
  opd?: string
  region?: string
  category?: string
  article?: string
  service?: string
  from?: string
  to?: string
  period?: Period
}

// The figures of a statistics row as columns: counts and percentages flattened.
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
  /** The columns that say what a row is (site, opd, day, …), before its figures. */
  keys: (keyof Row & string)[]
  rows: Row[]
  /** The rows carry their change from the previous range (PeriodChange). */
  compared?: Row extends PeriodChange ? true : never
}

/** The rows of a statistics answer as the download asked for (`format=csv|xlsx`). */
export function statsDownload<Row extends StatFigures & { reasons?: ReasonCounts }>(
  c: Context,
  ask: DownloadAsk,
  subject: Subject,
  table: Table<Row>,
) {
  const change = table.compared ? CHANGE_COLUMNS : []
  // Rows that carry reasons carry all of them (storage/reasons.ts reasonsOf).
  const reasons = table.rows.length === 0 || table.rows[0].reasons !== undefined
  return download(
    c,
    ask,
    subject,
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
 * A download, typed as the JSON answer it stands in for (`okOrDownload` in
 * worker/api/operation.ts says why): `never` as its data fits any operation's answer type.
 */
type DownloadAnswer = Response & TypedResponse<never, 200, 'json'>

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * A table as CSV (RFC 4180, a header row) or as an XLSX workbook of one sheet: a title row
 * naming the table, its scope and period, the Indonesian headers, then the rows with numbers as
 * numbers. `columns` are the JSON keys of the row's cells.
 */
export function download(
  c: Context,
  ask: DownloadAsk,
  subject: Subject,
  columns: readonly string[],
  rows: CsvCell[][],
): DownloadAnswer {
  const office = ask.format === 'xlsx' || ask.headers === 'id'
  const name = office ? `tanggapan-${officeName(subject)}` : `tanggapan-${subject.csvName}`
  if (ask.format === 'xlsx') {
    const words = columns.map(columnWords)
    const sheet = {
      name: KINDS[subject.kind].sheet,
      title: titleOf(subject),
      columns: words.map((w) => ({ header: w.id, format: w.format })),
      rows: rows.map((row) =>
        row.map((cell, i): XlsxCell => {
          return words[i].format === 'percent' && typeof cell === 'number' ? cell / 100 : cell
        }),
      ),
    }
    const answer = c.body(toXlsx([sheet]), 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="${name}.xlsx"`,
    })
    return answer as unknown as DownloadAnswer
  }
  const header = ask.headers === 'id' ? columns.map((k) => columnWords(k).id) : columns
  const style =
    ask.headers === 'id' || ask.separator === 'semicolon'
      ? { separator: ask.separator === 'semicolon' ? (';' as const) : (',' as const), bom: true }
      : MACHINE_CSV
  const csv = c.body(toCsv(header, rows, style), 200, {
    'Content-Type': 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': `attachment; filename="${name}.csv"`,
  })
  return csv as unknown as DownloadAnswer
}

/** Lower case ASCII words joined by `-`: Jawa Timur → jawa-timur. */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** The range in a name: the period's label (2026-S2), or its days. */
function rangeName({ period, from, to }: Subject): string[] {
  if (period !== undefined) return [period.id]
  return [from, to].filter((d) => d !== undefined)
}

/**
 * An office download's name: the table, its scope and period, e.g. opd-jawa-timur-2026-S2.
 * Only slugs, region names made slugs, days and period labels: nothing to escape.
 */
function officeName(s: Subject): string {
  const region = s.region === undefined ? undefined : slug(regionOf(s.region)?.name ?? s.region)
  return [
    KINDS[s.kind].file,
    s.site,
    s.opd,
    region,
    s.category,
    s.article,
    s.service,
    ...rangeName(s),
  ]
    .filter((p) => p !== undefined && p !== '')
    .join('-')
}

/** The title row: «Indeks per OPD — Wilayah: Jawa Timur (35) — Semester II 2026 (…)». */
function titleOf(s: Subject): string {
  const region = s.region && regionOf(s.region)
  const category = s.category && OPD_CATEGORIES.find((c) => c.key === s.category)
  const scope = [
    s.site && `Situs: ${s.site}`,
    s.opd && `OPD: ${s.opd}`,
    s.region && `Wilayah: ${region ? region.name : s.region} (${s.region})`,
    category && `Kategori: ${category.label}`,
    s.article && `Artikel: ${s.article}`,
    s.service && `Layanan: ${s.service}`,
  ].filter(Boolean)
  const days =
    s.from && s.to
      ? `${s.from} s.d. ${s.to}`
      : s.from
        ? `sejak ${s.from}`
        : s.to
          ? `sampai ${s.to}`
          : 'seluruh waktu'
  // Embed health takes no range: its figures are always those of the last 24 hours.
  const range =
    s.kind === 'health'
      ? '24 jam terakhir'
      : s.period
        ? `${periodText(s.period.id)} (${days})`
        : `Periode: ${days}`
  return [KINDS[s.kind].title, ...(scope.length ? [scope.join(', ')] : []), range].join(' — ')
}

/** The machine CSV's name from the filters: only slugs and days, so it needs no escaping. */
export function fileName(kind: string, { site, opd, from, to }: StatsFilter): string {
  return [kind, site, opd, from, to].filter((p) => p !== undefined).join('-')
}
