import type { Summary } from '../../worker/domain/figures/summary'

/** The part of the API's summary (docs/contract.md §5) that the widget shows. */
export type WidgetSummary = Pick<
  Summary,
  'counts' | 'percentages' | 'total' | 'views' | 'yours'
> & {
  /** The page view's answer only: the reader id it counted the view under. */
  reader?: string
}
