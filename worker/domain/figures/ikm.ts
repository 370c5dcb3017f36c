import { totalOf, type Counts } from './rating-scale'

export type Grade = 'A' | 'B' | 'C' | 'D'

/** Lower bounds in hundredths of an IKM point (PermenPANRB 14/2017, docs/contract.md §3). */
export const GRADE_FLOORS: readonly [Grade, number][] = [
  ['A', 8831],
  ['B', 7661],
  ['C', 6500],
  ['D', 2500],
]

export const GRADE_MEANING: Record<Grade, { id: string; en: string }> = {
  A: { id: 'Sangat Baik', en: 'Very good' },
  B: { id: 'Baik', en: 'Good' },
  C: { id: 'Kurang Baik', en: 'Poor' },
  D: { id: 'Tidak Baik', en: 'Very poor' },
}

export function ratingSum(counts: Counts): number {
  return 4 * counts.sangat_puas + 3 * counts.puas + 2 * counts.cukup_puas + counts.tidak_puas
}

/**
 * IKM = 25 × mean rating, rounded half up to two decimals; null without responses.
 * Computed in integer hundredths so that 85.9375 rounds to 85.94 and never to 85.93.
 */
export function ikm(counts: Counts): number | null {
  const total = totalOf(counts)
  if (total === 0) return null
  const hundredths = Math.floor((2 * 2500 * ratingSum(counts) + total) / (2 * total))
  return hundredths / 100
}

export function grade(index: number | null): Grade | null {
  if (index === null) return null
  const hundredths = Math.round(index * 100)
  for (const [g, floor] of GRADE_FLOORS) if (hundredths >= floor) return g
  return 'D'
}
