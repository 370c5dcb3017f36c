import type { Summary } from '../../worker/domain/figures/summary'

/** The part of the API's summary (docs/contract.md §5) that the widget shows. */
export type WidgetSummary = Pick<
  Summary,
  'counts' | 'percentages' | 'total' | 'views' | 'yours'
> & {
  /** The page view's answer only: the reader id it counted the view under. */
  reader?: string
  /** The page view's answer only: the article's count of public replies («Tanggapan OPD»). */
  replies?: number
  /** The page view's answer only: the reader's «Apa yang kurang?» keys. */
  reasons?: string[]
}
