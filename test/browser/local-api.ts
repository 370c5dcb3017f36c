import { inject } from 'vitest'

/** How long a test's own request may go unanswered before it is asked once more. */
const UNANSWERED_MS = 10_000

/**
 * A test's own request to the local server (a page's requests are Chromium's): a path on it,
 * or a whole URL. Each goes on a connection of its own and is asked once more when no answer
 * came: in two whole-suite runs (2026-12-02, 2026-12-03) wrangler dev left a file's first
 * request unanswered for 30 s, cause not found; a pooled connection closing under it (the
 * local proxy's 5 s keep-alive, workers-sdk#14641) is the likeliest. Asking again is safe for
 * what the tests send: an answer is one per reader, a view one per reader and day.
 */
export async function apiFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const url = /^https?:/.test(path) ? path : `${inject('baseUrl')}${path}`
  const headers = new Headers(init.headers)
  headers.set('connection', 'close')
  try {
    return await fetch(url, { ...init, headers, signal: AbortSignal.timeout(UNANSWERED_MS) })
  } catch (error) {
    // Said in the test output, so that a run saved by asking again still shows it happened.
    console.warn(`apiFetch: ${init.method ?? 'GET'} ${path} failed (${error}), asking once more`)
    return fetch(url, { ...init, headers, signal: AbortSignal.timeout(UNANSWERED_MS) })
  }
}

/** apiFetch with the local admin's bearer token (the statistics, admin and publication routes). */
export function adminFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.set('Authorization', `Bearer ${inject('adminToken')}`)
  return apiFetch(path, { ...init, headers })
}
