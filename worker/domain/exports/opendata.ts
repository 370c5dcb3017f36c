import type { CsvCell } from './csv'
import { parsePeriod } from '../calendar/periods'
import type { Counts } from '../figures/rating-scale'
import type { Region } from '../regions/regions'

// Open data (Satu Data Indonesia; docs/contract.md §8): a site's published figures per OPD and month,
// read from the frozen publications only. Every publication, whatever its period, already
// holds one row per OPD and month of that period (`figures.months`), so a year, a semester or
// a quarter adds its months. Where publications overlap (a quarter and its year, a site and one
// of its OPDs), the one published first gives the month: a figure that is in the open data
// never changes there, and each row names its publication so anyone can check it against that
// publication's sha256.

/** The part of a publication's text open data reads. */
export interface FrozenDocument {
  id: string
  period: string
  figures: {
    months: {
      month: string
      opd: string
      name: string | null
      counts: Counts
      total: number
      views: number
      ikm: number | null
      grade: string | null
      sample_adequate: boolean
    }[]
  }
}

export const OPEN_DATA_COLUMNS = [
  'kode_wilayah',
  'nama_wilayah',
  'periode',
  'tahun',
  'bulan',
  'kode_opd',
  'nama_opd',
  'sangat_puas',
  'puas',
  'cukup_puas',
  'tidak_puas',
  'jumlah_tanggapan',
  'dilihat',
  'ikm',
  'mutu',
  'sampel_memadai',
  'id_publikasi',
  'periode_publikasi',
] as const

/**
 * The CSV rows: one per OPD and month, by month then OPD. `documents` in the order they were
 * published (the first to hold a month wins).
 */
export function openDataRows(documents: FrozenDocument[], region: Region | null): CsvCell[][] {
  const rows = new Map<string, CsvCell[]>()
  for (const doc of documents) {
    for (const m of doc.figures.months) {
      const key = `${m.month} ${m.opd}`
      if (rows.has(key)) continue
      rows.set(key, [
        region?.code ?? null,
        region?.name ?? null,
        m.month,
        Number(m.month.slice(0, 4)),
        Number(m.month.slice(5, 7)),
        m.opd,
        m.name,
        m.counts.sangat_puas,
        m.counts.puas,
        m.counts.cukup_puas,
        m.counts.tidak_puas,
        m.total,
        m.views,
        m.ikm,
        m.grade,
        m.sample_adequate,
        doc.id,
        doc.period,
      ])
    }
  }
  return [...rows.keys()].sort().map((k) => rows.get(k)!)
}

const FREQUENCY = {
  month: 'Bulanan',
  quarter: 'Triwulanan',
  semester: 'Semesteran',
  year: 'Tahunan',
}

/** Satu Data's «frekuensi»: how often the site publishes, by its shortest published period. */
export function frequencyOf(periods: string[]): string {
  const kinds = new Set(periods.map((p) => parsePeriod(p)?.kind))
  for (const kind of ['month', 'quarter', 'semester', 'year'] as const) {
    if (kinds.has(kind)) return FREQUENCY[kind]
  }
  return 'Belum ada publikasi'
}

/**
 * The pemda's Diskominfo, the walidata of its data (Perpres 39/2019): the site's own
 * `diskominfo` OPD by its name when it has one, else named after the pemda («Pemerintah
 * Kabupaten Kudus» → «Dinas Komunikasi dan Informatika Kabupaten Kudus»).
 */
export function walidataOf(pemda: string, diskominfoName: string | null): string {
  return (
    diskominfoName ?? `Dinas Komunikasi dan Informatika ${pemda.replace(/^Pemerintah\s+/i, '')}`
  )
}
