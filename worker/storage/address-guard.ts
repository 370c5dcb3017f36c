import { sql, type SQL } from 'drizzle-orm'
import { sha256Hex } from '../domain/crypto'

/** Per-address and per-network bounds on new readers and new article keys (worker/abuse/limits.ts). */
export interface AddressGuard {
  /** `r` for responses, `w` for views: separate budgets. */
  kind: 'r' | 'w'
  /** Keyed hash of the address (IPv4, IPv6 /64): the per-article bound. */
  addressHash: string
  /** Keyed hash of the network (IPv4, IPv6 /48): the site-wide bounds. */
  networkHash: string
  /** New readers per article. */
  limit: number
  /** New readers per site. */
  siteLimit: number
  /** New article keys per site (shared by responses and views). */
  articleLimit: number
}

/** The three counters a request may move, as rate_counters keys. */
export interface GuardKeys {
  article: string
  site: string
  newArticle: string
}

/**
 * Keys per article use a digest of the article's key rather than its row id, so one
 * statement before the article exists can count all three.
 */
export async function guardKeys(
  guard: AddressGuard,
  siteId: string,
  articleKey: string,
): Promise<GuardKeys> {
  const hex = await sha256Hex(`${siteId}\u0000${articleKey}`, 12)
  return {
    article: `${guard.kind}:${guard.addressHash}:${hex}`,
    site: `${guard.kind}s:${guard.networkHash}:${siteId}`,
    newArticle: `a:${guard.networkHash}:${siteId}`,
  }
}

/**
 * Counts an attempt (allowed or not) in the batch, before the statements that move numbers:
 * a new reader against the article's and the site's budget, a new article key against the
 * site's. One multi-row INSERT, so the vote batch has no more statements than with one
 * bound. Counting refused attempts too keeps the test simple and exact inside the
 * transaction: the attempt is allowed exactly when the count, after it, is within the limit.
 */
export function countAttempts(
  keys: GuardKeys,
  day: string,
  isNewReader: SQL,
  isNewArticle: SQL,
): SQL {
  return sql`INSERT INTO rate_counters (key, window, count)
    SELECT column1, ${day}, 1 FROM (VALUES (${keys.article}, ${isNewReader}),
      (${keys.site}, ${isNewReader}), (${keys.newArticle}, ${isNewArticle})) WHERE column2
    ON CONFLICT (key, window) DO UPDATE SET count = count + 1`
}

export function attempts(key: string, day: string): SQL {
  return sql`coalesce((SELECT count FROM rate_counters WHERE key = ${key} AND window = ${day}), 0)`
}

/** Whether a new reader is within both bounds (the article's and the site's). */
export function readerAllowed(guard: AddressGuard, keys: GuardKeys, day: string): SQL {
  return sql`(${attempts(keys.article, day)} <= ${guard.limit} AND ${attempts(keys.site, day)} <= ${guard.siteLimit})`
}

/**
 * Whether the article may be made: it exists already, or the network is within its bound
 * on new article keys and its reader (necessarily new to it) within theirs; so a refused
 * request leaves no empty article behind.
 */
export function articleAllowed(
  guard: AddressGuard,
  keys: GuardKeys,
  day: string,
  exists: SQL,
): SQL {
  return sql`(${exists} OR (${attempts(keys.newArticle, day)} <= ${guard.articleLimit}
    AND ${readerAllowed(guard, keys, day)}))`
}
