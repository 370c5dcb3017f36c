// The API's shapes as the dashboard reads them (docs/dashboard.md),
// taken from the Worker's own definitions so the two cannot drift apart.
import type { Role } from '../../worker/auth/token'
import type { RatingKey } from '../../worker/domain/figures/rating-scale'
import type { ReasonCounts } from '../../worker/domain/comments/reasons'
import type { RegionRow as StoredRegionRow } from '../../worker/domain/regions/region-table'
import type { StatFigures } from '../../worker/domain/figures/stat-figures'
import type { CommentRow as StoredComment } from '../../worker/storage/comments-list'

export type { Counts, RatingKey } from '../../worker/domain/figures/rating-scale'
/** Period-over-period fields another branch adds to stats rows; read only when present. */
export type Figures = StatFigures & {
  ikm_prev?: number | null
  ikm_change?: number | null
  change_significant?: boolean
}

/** `region`, `region_name`, `province` of a site: null for a site without a region. */
interface SiteRegion {
  region: string | null
  region_name: string | null
  province: string | null
}

export type SiteRow = Figures & SiteRegion & { site: string; name: string }
export type RegionRow = StoredRegionRow & Figures
export type OpdRow = Figures & {
  site: string
  opd: string
  name: string | null
  reasons: ReasonCounts
}
export type ArticleRow = Figures & {
  site: string
  opd: string
  article: string
  title: string | null
  rank_low: number
  rank_high: number
  reasons: ReasonCounts
}
export type DayRow = Figures & { day: string }
/** A row of /stats/comments: the stored comment, its hidden flag as a boolean, its rating's key. */
export type CommentRow = Omit<StoredComment, 'hidden'> & {
  rating_key: RatingKey
  hidden: boolean
}

export interface Scope {
  token: {
    id: string
    role: Role
    site: string | null
    opd: string | null
    region: string | null
    label: string
  }
  sites: (SiteRegion & {
    id: string
    name: string
    origins?: string[]
    opds: { slug: string; name: string | null }[]
  })[]
}

/**
 * The days the statistics cover. With `period` (an SKM period's label, `2026-Q3`) the API is
 * asked for the period and `from`/`to` are its days, kept only to show them.
 */
export interface Range {
  from?: string
  to?: string
  period?: string
}
