// The API's shapes as the dashboard reads them (docs/dashboard.md): the Worker's own answer
// schemas (worker/api/), so the two cannot drift apart. Type-only: nothing of the Worker is
// bundled into the dashboard.
import type { Answer } from '../../worker/api/schemas'
import type { StatFigures } from '../../worker/domain/figures/stat-figures'

export type { Counts, RatingKey } from '../../worker/domain/figures/rating-scale'
export type Scope = Answer<'Scope'>
export type TokenRow = Answer<'Tokens'>['tokens'][number]
export type HealthRow = Answer<'Health'>['rows'][number]
export type EmbedCheck = Answer<'EmbedCheck'>

/** The figures every statistics row has, and the comparison with the previous period. */
export type Figures = StatFigures & {
  ikm_prev?: number | null
  ikm_change?: number | null
  change_significant?: boolean
}

export type SiteRow = Answer<'SiteRows'>['rows'][number]
export type RegionRow = Answer<'RegionRows'>['rows'][number]
export type OpdRow = Answer<'OpdRows'>['rows'][number]
export type ArticleRow = Answer<'ArticleRows'>['rows'][number]
/** A row of a series: a day's, a week's or a month's (`interval=`). */
export type SeriesRow = Answer<'SeriesRows'>['rows'][number]
export type CommentRow = Answer<'CommentRows'>['rows'][number]
/** GET /api/v1/stats/skm: the official survey, never the widget's indicative figures. */
export type { SkmAnswer } from '../../worker/api/stats/skm-answer'

/**
 * The days the statistics cover. With `period` (an SKM period's label, `2026-Q3`) the API is
 * asked for the period and `from`/`to` are its days, kept only to show them.
 */
export interface Range {
  from?: string
  to?: string
  period?: string
}
