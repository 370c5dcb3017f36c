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

/** A response's bounds: those of any new reader, and the counts past which it is stored flagged. */
export interface ResponseGuard extends AddressGuard {
  /** Past this many attempts on the article, a new reader's response is stored flagged. */
  flagAfter: number
  /** Past this many new readers on the site from the network, flagged too. */
  siteFlagAfter: number
  /** Past this many new article keys on the site from the network, flagged too. */
  articleFlagAfter: number
}

/** The three counters a request may move: the article object's and its site guard's keys. */
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
