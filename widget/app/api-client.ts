import type { WidgetSummary } from './widget-summary'

// Requests as the API wants them from a page (docs/contract.md §5): a string body goes out as
// text/plain, a "simple" request with no CORS preflight; a short timeout so a slow API never
// leaves a reader waiting. A refusal rejects with its HTTP status (a number).

const TIMEOUT_MS = 8000

export interface AnswerBody {
  opd: string
  article: string
  title: string
  rating: number
  reader: string
}

/** GET when there is no body. */
export function apiRequest(url: string, body?: object): Promise<WidgetSummary> {
  return answerOf(
    fetch(url, {
      method: body ? 'POST' : 'GET',
      body: body && JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }),
  )
}

/**
 * A request's answer, whoever sent it (the loader sends the page view's). Comments answer 204
 * with no body to read: their callers ignore what this resolves to (`false`), so the type
 * names what the others get.
 */
export async function answerOf(request: Promise<Response>): Promise<WidgetSummary> {
  const res = await request
  if (!res.ok) throw res.status
  return (res.status < 204 && res.json()) as Promise<WidgetSummary>
}
