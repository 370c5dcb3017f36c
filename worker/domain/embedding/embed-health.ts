import { jakartaDay } from '../calendar/days'

// Embed health (docs/contract.md §10, docs/embedding.md «Embed health»): what the widget's beacon may report,
// when a site or OPD counts as silent, and which days the «24 h» figures sum.

/**
 * `chunk`: the widget's code failed to load; `api`: the API was unreachable or answered 5xx;
 * `config`: a container without data-opd. Nothing else is accepted (400).
 */
export const WIDGET_ERROR_CODES = ['chunk', 'api', 'config'] as const
export type WidgetErrorCode = (typeof WIDGET_ERROR_CODES)[number]

const DAY_MS = 86_400_000

/**
 * No view for 24 h after having had views (docs/contract.md §10): the health rows' `silent`, and the
 * condition of the site.silent webhook event (worker/domain/webhooks/events.ts adds its minimum of
 * traffic), so the dashboard and the webhook never disagree.
 */
export function isSilent(lastViewAt: number | null, nowMs: number): boolean {
  return lastViewAt !== null && nowMs - lastViewAt >= DAY_MS
}

/**
 * The Jakarta days the «24 h» figures sum: the day 24 hours ago and every day since (today).
 * The roll-ups count per day, so this is the last 24 hours and whatever of the day before
 * them was counted: between 24 and 48 hours, always including the whole last 24.
 */
export function last24hDays(nowMs: number): { from: string; to: string } {
  return { from: jakartaDay(nowMs - DAY_MS), to: jakartaDay(nowMs) }
}
