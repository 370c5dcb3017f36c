import { REASONS } from '../../domain/comments/reasons'
import { WIDGET_ERROR_CODES } from '../../domain/embedding/embed-health'
import { RATINGS } from '../../domain/figures/rating-scale'
import type { XlsxFormat } from '../../domain/exports/xlsx'
import { ELEMENTS } from '../../skm/questionnaire'

// What each column of a statistics download is called for an office (the Indonesian header of
// XLSX and of CSV with `headers=id`) and how its numbers are shown in XLSX. Whole percentages
// (`pct_*`, 0–100 in JSON) become fractions in XLSX, so that 42 shows as 42 % and sums as one.

interface ColumnWords {
  id: string
  format: XlsxFormat
}

const text = (id: string): ColumnWords => ({ id, format: 'text' })
const count = (id: string): ColumnWords => ({ id, format: 'count' })
const index = (id: string): ColumnWords => ({ id, format: 'decimal2' })
const yesNo = (id: string): ColumnWords => ({ id, format: 'boolean' })

const COLUMNS: Record<string, ColumnWords> = {
  site: text('Situs'),
  opd: text('OPD'),
  name: text('Nama'),
  category: text('Kategori'),
  region: text('Kode wilayah'),
  region_name: text('Wilayah'),
  province: text('Kode provinsi'),
  sites: count('Jumlah situs'),
  article: text('Artikel'),
  title: text('Judul'),
  day: text('Tanggal'),
  week: text('Minggu'),
  month: text('Bulan'),
  from: text('Dari tanggal'),
  to: text('Sampai tanggal'),
  rank_low: index('Batas bawah peringkat'),
  rank_high: index('Batas atas peringkat'),
  total: count('Jumlah tanggapan'),
  ...Object.fromEntries(RATINGS.map((r) => [r.key, count(r.id)])),
  ...Object.fromEntries(
    RATINGS.map((r) => [`pct_${r.key}`, { id: `% ${r.id}`, format: 'percent' } as const]),
  ),
  views: count('Tayangan'),
  response_rate: { id: 'Tingkat tanggapan', format: 'percent2' },
  ikm: index('IKM'),
  grade: text('Mutu'),
  ikm_low: index('IKM batas bawah'),
  ikm_high: index('IKM batas atas'),
  required_sample: count('Sampel minimum'),
  sample_adequate: yesNo('Sampel memadai'),
  ikm_prev: index('IKM periode sebelumnya'),
  ikm_change: index('Perubahan IKM'),
  change_significant: yesNo('Perubahan bermakna'),
  ...Object.fromEntries(REASONS.map((r) => [`reason_${r.key}`, count(`Alasan: ${r.id}`)])),
  // Comments.
  id: count('Nomor'),
  rating: count('Nilai'),
  rating_key: text('Penilaian'),
  status: text('Status tindak lanjut'),
  hours_to_done: count('Jam hingga selesai'),
  lapor_tracking_id: text('Nomor pelacakan LAPOR!'),
  text: text('Komentar'),
  reply: text('Tanggapan OPD'),
  note: text('Catatan internal'),
  // Embed health.
  last_view_at: text('Tayangan terakhir (UTC)'),
  last_response_at: text('Tanggapan terakhir (UTC)'),
  views_24h: count('Tayangan 24 jam'),
  responses_24h: count('Tanggapan 24 jam'),
  widget_errors_24h: count('Galat widget 24 jam'),
  ...Object.fromEntries(WIDGET_ERROR_CODES.map((c) => [`errors_${c}`, count(`Galat ${c} 24 jam`)])),
  silent: yesNo('Senyap'),
  // The official survey (stats/skm): each element's NRR under its code and name.
  service: text('Layanan'),
  respondents: count('Jumlah responden'),
  ...Object.fromEntries(ELEMENTS.map((e) => [`nrr_${e.key}`, index(`NRR ${e.code} ${e.name.id}`)])),
  ikm_skm: index('IKM SKM'),
  ikm_skm_0111: index('IKM SKM (bobot 0,111)'),
  grade_0111: text('Mutu (bobot 0,111)'),
  weakest: text('Unsur terlemah'),
  population: count('Populasi'),
  ikm_skm_prev: index('IKM SKM periode sebelumnya'),
  ikm_skm_change: index('Perubahan IKM SKM'),
}

/** A column's words; a key missing here is a programming error the export tests catch. */
export function columnWords(key: string): ColumnWords {
  const words = COLUMNS[key]
  if (words === undefined) throw new Error(`No Indonesian header for column ${key}`)
  return words
}
