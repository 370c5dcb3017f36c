// The «Apa yang kurang?» reasons a reader may give after Tidak Puas or Cukup Puas (docs/contract.md §9),
// in the order the widget shows them. One list for the API, the widget and the dashboard.

export const REASONS = [
  { key: 'informasi_kurang_lengkap', id: 'Informasi kurang lengkap', en: 'Incomplete information' },
  { key: 'tidak_akurat', id: 'Informasi tidak akurat', en: 'Inaccurate information' },
  { key: 'sulit_dipahami', id: 'Sulit dipahami', en: 'Hard to understand' },
  { key: 'terlambat', id: 'Informasi terlambat', en: 'Information too late' },
  { key: 'tautan_rusak', id: 'Tautan atau berkas rusak', en: 'Broken link or file' },
  { key: 'lainnya', id: 'Lainnya', en: 'Other' },
] as const

export type ReasonKey = (typeof REASONS)[number]['key']
export type ReasonCounts = Record<ReasonKey, number>

export const REASON_KEYS = REASONS.map((r) => r.key) as [ReasonKey, ...ReasonKey[]]

/** Every key with its count (0 for the ones not given), in display order. */
export function reasonCounts(rows: { reason: string; count: number }[]): ReasonCounts {
  const counts = Object.fromEntries(REASON_KEYS.map((k) => [k, 0])) as ReasonCounts
  for (const r of rows) if (r.reason in counts) counts[r.reason as ReasonKey] += r.count
  return counts
}

/** Several groups' counts added up (e.g. the sites of one region). */
export function sumReasons(groups: Iterable<ReasonCounts>): ReasonCounts {
  const sum = reasonCounts([])
  for (const g of groups) for (const k of REASON_KEYS) sum[k] += g[k]
  return sum
}
