import type { ComponentChildren } from 'preact'

/** Indonesian first, English after it in a quieter voice: every label says both. */
export function T({ id, en }: { id: ComponentChildren; en: ComponentChildren }) {
  return (
    <>
      {id}
      <span class="en" lang="en">
        {en}
      </span>
    </>
  )
}

export const RATING_LABELS = [
  { key: 'sangat_puas', id: 'Sangat Puas', en: 'Very satisfied' },
  { key: 'puas', id: 'Puas', en: 'Satisfied' },
  { key: 'cukup_puas', id: 'Cukup Puas', en: 'Fairly satisfied' },
  { key: 'tidak_puas', id: 'Tidak Puas', en: 'Not satisfied' },
] as const

export const GRADE_LABELS = {
  A: { id: 'Sangat Baik', en: 'Very good' },
  B: { id: 'Baik', en: 'Good' },
  C: { id: 'Kurang Baik', en: 'Poor' },
  D: { id: 'Tidak Baik', en: 'Very poor' },
} as const

const number = new Intl.NumberFormat('id-ID')
const decimal = new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const percent = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 })

export const fmt = {
  n: (x: number) => number.format(x),
  ikm: (x: number | null) => (x === null ? '—' : decimal.format(x)),
  rate: (x: number | null) => (x === null ? '—' : percent.format(x)),
}
