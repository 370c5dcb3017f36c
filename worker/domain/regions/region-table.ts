import { rankingBounds } from '../figures/ikm-interval'
import { type Counts, RATING_KEYS, zeroCounts } from '../figures/rating-scale'
import { regionOf, type Region } from './regions'
import { type StatFigures, statFigures } from '../figures/stat-figures'

// The national and provincial tables (docs/contract.md §7): the sites' roll-ups summed per region.

export type RegionLevel = 'province' | 'regency'

/** The roll-up sums of the sites registered under one region code. */
export type RegionSums = Counts & { region: string; sites: number; views: number }

export type RegionRow = { region: string; name: string; sites: number } & StatFigures & {
    rank_low: number
    rank_high: number
  }

/**
 * One row per area, in the order given, every area listed (an area without a site or answer
 * as zeros). At `province` level a site counts for its province, whether it is registered to
 * the province itself or to one of its kabupaten/kota; at `regency` level for its own code.
 * The figures are those of the summed counts, never an average of the sites' figures, so a
 * large pemda weighs as much as its readers do.
 */
export function regionTable(
  level: RegionLevel,
  areas: readonly Region[],
  sums: readonly RegionSums[],
): RegionRow[] {
  const totals = new Map(areas.map((a) => [a.code, { counts: zeroCounts(), views: 0, sites: 0 }]))
  for (const s of sums) {
    const area = level === 'province' ? regionOf(s.region)?.province : s.region
    const t = area === undefined ? undefined : totals.get(area)
    if (t === undefined) continue
    for (const k of RATING_KEYS) t.counts[k] += s[k]
    t.views += s.views
    t.sites += s.sites
  }
  return areas.map((a) => {
    const t = totals.get(a.code)!
    const bounds = rankingBounds(t.counts)
    return {
      region: a.code,
      name: a.name,
      sites: t.sites,
      ...statFigures(t.counts, t.views),
      rank_low: bounds.low,
      rank_high: bounds.high,
    }
  })
}
