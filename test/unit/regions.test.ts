import { describe, expect, it } from 'vitest'
import {
  isProvince,
  isRegion,
  isWithin,
  PROVINCES,
  regenciesOf,
  regionOf,
} from '../../worker/domain/regions/regions'

describe('the Kemendagri region list', () => {
  it('has the 38 provinces and 514 kabupaten/kota of idn-area-data', () => {
    expect(PROVINCES).toHaveLength(38)
    expect(PROVINCES.flatMap((p) => regenciesOf(p.code))).toHaveLength(514)
  })

  it('names a province and a kabupaten by code', () => {
    expect(regionOf('35')).toEqual({ code: '35', name: 'Jawa Timur', province: '35' })
    expect(regionOf('35.22')).toEqual({
      code: '35.22',
      name: 'Kabupaten Bojonegoro',
      province: '35',
    })
    expect(regionOf('35.78')?.name).toBe('Kota Surabaya')
  })

  it('refuses codes that are not on the list', () => {
    for (const code of ['', '3', '99', '35.', '35.99', '35.22.01', ' 35', '35,22']) {
      expect(isRegion(code), code).toBe(false)
      expect(regionOf(code), code).toBeNull()
    }
    expect(isProvince('35')).toBe(true)
    expect(isProvince('35.22')).toBe(false)
  })

  it('tells whether a region lies in a province', () => {
    expect(isWithin('35.22', '35')).toBe(true)
    expect(isWithin('35', '35')).toBe(true)
    expect(isWithin('33.22', '35')).toBe(false)
    expect(isWithin(null, '35')).toBe(false)
    expect(regenciesOf('35').every((r) => r.province === '35')).toBe(true)
  })
})
