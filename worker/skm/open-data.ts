import type { CsvCell } from '../domain/exports/csv'
import { ELEMENTS } from './questionnaire'
import type { SkmPublication } from './publication'

// The SKM resource of a site's open data (docs/publications.md «Open data / Data terbuka»): one
// row per SKM publication (a service, an OPD or the whole site, and a period), from the frozen
// texts only, with the region code. Figures and names only: no answer of a person, no saran.

export const SKM_OPEN_DATA_COLUMNS = [
  'kode_wilayah',
  'nama_wilayah',
  'periode',
  'tanggal_awal',
  'tanggal_akhir',
  'kode_opd',
  'nama_opd',
  'kode_layanan',
  'nama_layanan',
  'responden',
  ...ELEMENTS.map((e) => `nrr_${e.code.toLowerCase()}`),
  'ikm_skm',
  'mutu',
  'populasi',
  'sampel_minimum',
  'sampel_memadai',
  'id_publikasi',
] as const

/** Rows oldest period first, then the site before its OPDs and services. */
export function skmOpenDataRows(publications: readonly SkmPublication[]): CsvCell[][] {
  return [...publications]
    .sort(
      (a, b) =>
        a.from.localeCompare(b.from) ||
        a.to.localeCompare(b.to) ||
        (a.opd ?? '').localeCompare(b.opd ?? '') ||
        (a.service ?? '').localeCompare(b.service ?? ''),
    )
    .map((p) => [
      p.names.region ?? '',
      p.names.region_name ?? '',
      p.period,
      p.from,
      p.to,
      p.opd ?? '',
      p.opd === null ? '' : (p.names.opd ?? p.opd),
      p.service ?? '',
      p.names.service ?? '',
      p.figures.respondents,
      ...ELEMENTS.map((e) => p.figures.nrr[e.key]),
      p.figures.ikm_skm,
      p.figures.grade,
      p.figures.population ?? '',
      p.figures.required_sample ?? '',
      p.figures.sample_adequate,
      p.id,
    ])
}
