import * as z from 'zod'
import { isProvince, isRegion } from '../domain/regions/regions'

// Region codes in requests (docs/contract.md §7): only codes on the official list pass, so an unknown
// one is 400 invalid_request before anything is read or written.

export const regionCode = z
  .string()
  .refine(
    isRegion,
    'region must be a Kemendagri code such as "35" (Jawa Timur) or "35.22" (Kabupaten Bojonegoro)',
  )
  .describe('Kemendagri code, e.g. `35` (a province) or `35.22` (a kabupaten/kota)')

export const provinceCode = (field: string) =>
  z
    .string()
    .refine(
      isProvince,
      `${field} must be the two-digit Kemendagri code of a province, such as "35"`,
    )
    .describe('Two-digit Kemendagri code of a province, e.g. `35`')
