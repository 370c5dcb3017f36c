import type { ArticleSort } from '../../domain/figures/article-ranking'
import { apiError } from '../../errors'
import type { SortKey } from '../../storage/article-ranking'

// The `cursor` of GET /stats/articles (docs/api.md): where the next page starts, as base64url
// of JSON [sort, …sort key of the last row given]. Opaque to callers; the sort is in it so a
// cursor cannot continue a different ranking than the one that gave it.

const toBase64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=/g, '')

export function encodeCursor(sort: ArticleSort, key: SortKey): string {
  return toBase64url(new TextEncoder().encode(JSON.stringify([sort, ...key])))
}

const isWhole = (x: unknown): x is number => Number.isSafeInteger(x)

/** The sort key a cursor holds; 400 invalid_request for anything this operation did not give. */
export function decodeCursor(cursor: string, sort: ArticleSort): SortKey {
  let value: unknown
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
  } catch {
    value = null
  }
  if (
    Array.isArray(value) &&
    value.length === 6 &&
    value[0] === sort &&
    (value[1] === 0 || value[1] === 1) &&
    isWhole(value[2]) &&
    isWhole(value[3]) &&
    typeof value[4] === 'string' &&
    typeof value[5] === 'string'
  ) {
    return value.slice(1) as SortKey
  }
  throw apiError(
    'invalid_request',
    `cursor is not one this listing gave for sort=${sort}: ask again without cursor`,
  )
}
