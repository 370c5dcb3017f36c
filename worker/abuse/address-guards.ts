import type { Db } from '../db/client'
import type { Env } from '../env'
import type { AddressGuard } from '../storage/address-guard'
import type { ResponseGuard } from '../storage/responses'
import { addressHash } from './address-hash'
import {
  FLAG_RESPONSES_AFTER,
  NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY,
  NEW_VIEWS_PER_ADDRESS_ARTICLE_DAY,
  rateLimitsOn,
} from './limits'

/** The response bound for this request's address, or null with RATE_LIMITS=off. */
export async function responseGuard(env: Env, db: Db, headers: Headers, day: string): Promise<ResponseGuard | null> {
  if (!rateLimitsOn(env)) return null
  return {
    kind: 'r',
    addressHash: await addressHash(db, headers, day),
    limit: NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY,
    flagAfter: FLAG_RESPONSES_AFTER,
  }
}

/** The view bound for this request's address, or null with RATE_LIMITS=off. */
export async function viewGuard(env: Env, db: Db, headers: Headers, day: string): Promise<AddressGuard | null> {
  if (!rateLimitsOn(env)) return null
  return { kind: 'w', addressHash: await addressHash(db, headers, day), limit: NEW_VIEWS_PER_ADDRESS_ARTICLE_DAY }
}
