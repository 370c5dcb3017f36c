import type { Counts } from '../domain/rating-scale'

export function countsOf(row: Counts): Counts {
  return {
    sangat_puas: row.sangat_puas,
    puas: row.puas,
    cukup_puas: row.cukup_puas,
    tidak_puas: row.tidak_puas,
  }
}
