/** The four answers of «Bagaimana Tanggapan Anda?» in display order, best first (docs/contract.md §1). */
export const RATINGS = [
  { value: 4, key: 'sangat_puas', id: 'Sangat Puas', en: 'Very satisfied' },
  { value: 3, key: 'puas', id: 'Puas', en: 'Satisfied' },
  { value: 2, key: 'cukup_puas', id: 'Cukup Puas', en: 'Fairly satisfied' },
  { value: 1, key: 'tidak_puas', id: 'Tidak Puas', en: 'Not satisfied' },
] as const

export type RatingValue = (typeof RATINGS)[number]['value']
export type RatingKey = (typeof RATINGS)[number]['key']
export type Counts = Record<RatingKey, number>

export const RATING_KEYS: readonly RatingKey[] = RATINGS.map((r) => r.key)

export function ratingKey(value: RatingValue): RatingKey {
  return RATINGS[4 - value].key
}

export function zeroCounts(): Counts {
  return { sangat_puas: 0, puas: 0, cukup_puas: 0, tidak_puas: 0 }
}

/** Two counts added, answer by answer (a week's from its days). */
export function addCounts(a: Counts, b: Counts): Counts {
  return {
    sangat_puas: a.sangat_puas + b.sangat_puas,
    puas: a.puas + b.puas,
    cukup_puas: a.cukup_puas + b.cukup_puas,
    tidak_puas: a.tidak_puas + b.tidak_puas,
  }
}

export function totalOf(counts: Counts): number {
  return counts.sangat_puas + counts.puas + counts.cukup_puas + counts.tidak_puas
}
