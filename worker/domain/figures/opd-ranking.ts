// Ranking OPDs across sites (docs/contract.md §13): every Dinas Kesehatan of a province side by side.

export const OPD_SORTS = ['site', 'lowest', 'highest'] as const
export type OpdSort = (typeof OPD_SORTS)[number]

interface Rankable {
  site: string
  opd: string
  total: number
  rank_low: number
}

const byKey = (a: Rankable, b: Rankable) =>
  a.site < b.site ? -1 : a.site > b.site ? 1 : a.opd < b.opd ? -1 : a.opd > b.opd ? 1 : 0

/**
 * `site` keeps the rows by site and OPD. `lowest` and `highest` order both by the lower
 * ranking bound (rankingBounds), as the regions' ranking does, so the list reads the same from
 * either end and a couple of answers cannot lift an OPD to the top; OPDs without answers come
 * last in both. Ties go to the OPD with more answers, then by site and OPD.
 */
export function rankOpds<T extends Rankable>(rows: T[], sort: OpdSort): T[] {
  if (sort === 'site') return [...rows].sort(byKey)
  const direction = sort === 'lowest' ? 1 : -1
  return [...rows].sort(
    (a, b) =>
      Number(a.total === 0) - Number(b.total === 0) ||
      direction * (a.rank_low - b.rank_low) ||
      b.total - a.total ||
      byKey(a, b),
  )
}
