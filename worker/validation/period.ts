import * as z from 'zod'
import { PERIOD_FORMS, parsePeriod, type Period } from '../domain/calendar/periods'

/** A `period` field (docs/contract.md §8), parsed into its Asia/Jakarta day range. */
export const periodField = z
  .string()
  .refine((s) => parsePeriod(s) !== null, `period must be ${PERIOD_FORMS}, from 2000 to 2100`)
  .transform((s) => parsePeriod(s) as Period)
  .describe(
    'Instead of from/to: `2026` (year), `2026-S2` (semester), `2026-Q3` (triwulan) or ' +
      '`2026-11` (month)',
  )
