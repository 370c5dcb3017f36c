import { PROVINCE_NAMES, REGENCY_NAMES } from '../../generated/regions'

// Kemendagri region codes (docs/contract.md §7): `35` a province, `35.22` one of its kabupaten/kota.
// The list is the official one, generated from idn-area-data (scripts/build-regions.ts).

export interface Region {
  code: string
  name: string
  /** The two-digit province code: the code itself for a province. */
  province: string
}

const BY_CODE = new Map<string, Region>([
  ...PROVINCE_NAMES.map(([code, name]) => [code, { code, name, province: code }] as const),
  ...REGENCY_NAMES.map(
    ([code, name]) => [code, { code, name, province: code.slice(0, 2) }] as const,
  ),
])

export const PROVINCES: readonly Region[] = PROVINCE_NAMES.map(([code]) => BY_CODE.get(code)!)

/** The region with this code, or null for a code not on the official list. */
export function regionOf(code: string): Region | null {
  return BY_CODE.get(code) ?? null
}

export function isRegion(code: string): boolean {
  return BY_CODE.has(code)
}

export function isProvince(code: string): boolean {
  return regionOf(code)?.province === code
}

/** The kabupaten/kota of one province, by code. */
export function regenciesOf(province: string): Region[] {
  return REGENCY_NAMES.filter(([code]) => code.slice(0, 2) === province && code[2] === '.').map(
    ([code]) => BY_CODE.get(code)!,
  )
}

/** Whether `code` is `area` itself or lies inside it (a kabupaten/kota of a province). */
export function isWithin(code: string | null, area: string): boolean {
  return code !== null && (code === area || code.startsWith(`${area}.`))
}

/** `region`, `region_name` and `province` of a site row; nulls for a site without a region. */
export function regionColumns(code: string | null) {
  const region = code === null ? null : regionOf(code)
  return {
    region: region?.code ?? null,
    region_name: region?.name ?? null,
    province: region?.province ?? null,
  }
}
