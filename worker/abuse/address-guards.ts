import type { Db } from '../db/client'
import type { Env } from '../env'
import type { AddressGuard } from '../storage/address-guard'
import type { ResponseGuard } from '../storage/responses'
import { networkHashes } from './address-hash'
import {
  FLAG_NEW_ARTICLES_AFTER,
  FLAG_RESPONSES_AFTER,
  FLAG_SITE_RESPONSES_AFTER,
  NEW_ARTICLES_PER_NETWORK_SITE_DAY,
  NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY,
  NEW_RESPONSES_PER_NETWORK_SITE_DAY,
  NEW_VIEWS_PER_ADDRESS_ARTICLE_DAY,
  NEW_VIEWS_PER_NETWORK_SITE_DAY,
  rateLimitsOn,
} from './limits'

export type Hashes = { address: string; network: string }

/** The request's hashed address and network, or null with RATE_LIMITS=off. */
export async function requestHashes(
  env: Env,
  db: Db,
  headers: Headers,
  day: string,
): Promise<Hashes | null> {
  return rateLimitsOn(env) ? networkHashes(db, headers, day) : null
}

/** The response bounds for this request's address and network. */
export function responseGuard(hashes: Hashes | null): ResponseGuard | null {
  if (hashes === null) return null
  return {
    kind: 'r',
    addressHash: hashes.address,
    networkHash: hashes.network,
    limit: NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY,
    siteLimit: NEW_RESPONSES_PER_NETWORK_SITE_DAY,
    articleLimit: NEW_ARTICLES_PER_NETWORK_SITE_DAY,
    flagAfter: FLAG_RESPONSES_AFTER,
    siteFlagAfter: FLAG_SITE_RESPONSES_AFTER,
    articleFlagAfter: FLAG_NEW_ARTICLES_AFTER,
  }
}

/** The view bounds for this request's address and network. */
export function viewGuard(hashes: Hashes | null): AddressGuard | null {
  if (hashes === null) return null
  return {
    kind: 'w',
    addressHash: hashes.address,
    networkHash: hashes.network,
    limit: NEW_VIEWS_PER_ADDRESS_ARTICLE_DAY,
    siteLimit: NEW_VIEWS_PER_NETWORK_SITE_DAY,
    articleLimit: NEW_ARTICLES_PER_NETWORK_SITE_DAY,
  }
}
