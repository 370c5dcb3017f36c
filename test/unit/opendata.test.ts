import { describe, expect, it } from 'vitest'
import {
  type FrozenDocument,
  frequencyOf,
  openDataRows,
  walidataOf,
} from '../../worker/domain/exports/opendata'
import { regionOf } from '../../worker/domain/regions/regions'

const month = (m: string, opd: string, total: number) => ({
  month: m,
  opd,
  name: null,
  counts: { sangat_puas: total, puas: 0, cukup_puas: 0, tidak_puas: 0 },
  total,
  views: total * 10,
  ikm: total ? 100 : null,
  grade: total ? 'A' : null,
  sample_adequate: false,
})

const doc = (id: string, period: string, months: FrozenDocument['figures']['months']) => ({
  id,
  period,
  figures: { months },
})

describe('openDataRows', () => {
  it('takes each OPD and month from the first publication that holds it, ordered by month then OPD', () => {
    const year = doc('pub_y', '2025', [month('2025-02', 'b', 1), month('2025-01', 'b', 2)])
    const later = doc('pub_m', '2025-01', [month('2025-01', 'b', 9), month('2025-01', 'a', 3)])
    const rows = openDataRows([year, later], regionOf('33.19'))
    expect(rows.map((r) => [r[2], r[5], r[11], r[16]])).toEqual([
      ['2025-01', 'a', 3, 'pub_m'],
      ['2025-01', 'b', 2, 'pub_y'],
      ['2025-02', 'b', 1, 'pub_y'],
    ])
    expect(rows[0].slice(0, 5)).toEqual(['33.19', 'Kabupaten Kudus', '2025-01', 2025, 1])
  })

  it('leaves the region cells empty for a site without a region', () => {
    const rows = openDataRows([doc('pub_x', '2025-03', [month('2025-03', 'a', 0)])], null)
    expect(rows[0].slice(0, 2)).toEqual([null, null])
    expect(rows[0][13]).toBeNull()
  })
})

describe('frequencyOf and walidataOf', () => {
  it('names the frequency by the shortest period published', () => {
    expect(frequencyOf(['2025', '2025-Q2', '2025-S1'])).toBe('Triwulanan')
    expect(frequencyOf(['2025-S1', '2024'])).toBe('Semesteran')
    expect(frequencyOf(['2024'])).toBe('Tahunan')
    expect(frequencyOf(['2024', '2025-07'])).toBe('Bulanan')
    expect(frequencyOf([])).toBe('Belum ada publikasi')
  })

  it('names the walidata after the pemda unless its Diskominfo has a name', () => {
    expect(walidataOf('Pemerintah Kota Semarang', null)).toBe(
      'Dinas Komunikasi dan Informatika Kota Semarang',
    )
    expect(walidataOf('Pemerintah Kota Semarang', 'Diskominfo Kota Semarang')).toBe(
      'Diskominfo Kota Semarang',
    )
  })
})
