import { sha256Hex } from '../crypto'

// A module of its own: the reason list (reasons.ts) goes into the widget's and the dashboard's
// bundles, which hash nothing.

/**
 * The stored stand-in for a reader on one article: their id never lands in `reasons` (docs/privacy-and-retention.md). Newline-separated, as no slug, key or UUID holds one.
 */
export function reasonReaderHash(site: string, article: string, reader: string) {
  return sha256Hex(`reasons\n${site}\n${article}\n${reader}`)
}
