import type { ContentfulStatusCode } from 'hono/utils/http-status'

/**
 * Every error code the Worker answers with, and its status: docs/api.md «Errors» lists the same
 * codes (test/unit/error-codes.test.ts holds the two together).
 */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  invalid_request: 400,
  invalid_range: 400,
  range_too_long: 400,
  site_required: 400,
  address_not_allowed: 400,
  unauthorized: 401,
  token_expired: 401,
  forbidden: 403,
  out_of_scope: 403,
  origin_not_allowed: 403,
  session_header_missing: 403,
  not_found: 404,
  unknown_site: 404,
  unknown_opd: 404,
  unknown_article: 404,
  unknown_comment: 404,
  unknown_token: 404,
  unknown_publication: 404,
  unknown_webhook: 404,
  unknown_service: 404,
  unknown_device: 404,
  site_exists: 409,
  origin_taken: 409,
  opd_in_use: 409,
  period_not_over: 409,
  period_before_site: 409,
  nothing_to_publish: 409,
  already_published: 409,
  service_taken: 409,
  service_retired: 410,
  device_revoked: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_opds: 422,
  article_not_registered: 422,
  placeholder_article: 422,
  no_response: 422,
  too_many_webhooks: 422,
  page_unreachable: 422,
  rate_limited: 429,
  internal_error: 500,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof ERROR_STATUS

/**
 * An expected failure: rendered by the app's one `onError` as the contract's error shape
 * `{"error": {"code", "message"}}` (docs/contract.md §5).
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode

  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Headers the answer carries (a 429's `Retry-After`), whoever renders it. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.status = ERROR_STATUS[code]
  }
}

/** The error to throw from a route or middleware; its status comes from the catalogue. */
export function apiError(
  code: ErrorCode,
  message: string,
  headers?: Record<string, string>,
): ApiError {
  return new ApiError(code, message, headers)
}

export function errorBody(code: ErrorCode, message: string) {
  return { error: { code, message } }
}
