import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * An expected failure: rendered by the app's one `onError` as the contract's error shape
 * `{"error": {"code", "message"}}` (CONTRACT §5).
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } }
}
