import { describe, expect, it } from 'vitest'
import { ikm } from '../../worker/domain/figures/ikm'
import { regionTable, type RegionSums } from '../../worker/domain/regions/region-table'
import { PROVINCES, regenciesOf, regionOf } from '../../worker/domain/regions/regions'

const sums = (
  region: string,
  sites: number,
  c: [number, number, number, number],
  views = 0,
): RegionSums => ({
  region,
  sites,
  sangat_puas: c[0],
  puas: c[1],
  cukup_puas: c[2],
  tidak_puas: c[3],
  views,
})

describe('regionTable', () => {
  it('sums a province’s own sites and its kabupaten/kota’s, from counts, not site averages', () => {
    const rows = regionTable('province', PROVINCES, [
      sums('35', 1, [1, 0, 0, 0]),
      sums('35.22', 2, [0, 0, 0, 9], 30),
      sums('33.74', 1, [2, 0, 0, 0]),
    ])
    const jatim = rows.find((r) => r.region === '35')!
    expect(jatim).toMatchObject({ name: 'Jawa Timur', sites: 3, total: 10, views: 30 })
    // Ten answers, one Sangat Puas: 25 × (4 + 9) / 10, not the mean of 100 and 25.
    expect(jatim.ikm).toBe(ikm({ sangat_puas: 1, puas: 0, cukup_puas: 0, tidak_puas: 9 }))
    expect(jatim.ikm).toBeCloseTo(32.5)
    expect(rows.find((r) => r.region === '33')).toMatchObject({ sites: 1, total: 2 })
  })

  it('lists every area asked for, in order, quiet ones as zeros', () => {
    const areas = [regionOf('35')!, ...regenciesOf('35')]
    const rows = regionTable('regency', areas, [sums('35.22', 1, [3, 0, 0, 0])])
    expect(rows.map((r) => r.region)).toEqual(areas.map((a) => a.code))
    expect(rows.find((r) => r.region === '35.22')).toMatchObject({
      name: 'Kabupaten Bojonegoro',
      total: 3,
    })
    expect(rows.find((r) => r.region === '35.01')).toMatchObject({
      sites: 0,
      total: 0,
      ikm: null,
      sample_adequate: false,
    })
  })

  it('ranks by bounds that five perfect answers cannot push above many good ones', () => {
    const rows = regionTable('regency', regenciesOf('35').slice(0, 2), [
      sums('35.01', 1, [5, 0, 0, 0]),
      sums('35.02', 40, [300, 100, 0, 0]),
    ])
    const [few, many] = rows
    expect(few.ikm).toBeGreaterThan(many.ikm!)
    expect(few.rank_low).toBeLessThan(many.rank_low)
  })
})
