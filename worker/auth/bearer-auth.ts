import type { Db } from '../db/client'
import { factory } from '../env'
import { apiError } from '../errors'
import { liveTokenByHash, type TokenRecord } from '../storage/tokens'
import { markUsed, refuseExpired, scopeOf, sessionCookie, sessionScope } from './session'
import { constantTimeEqual, hashToken, requireAdmin } from './token'

// The token's length is checked apart: a bounded repeat of 512 is more than a ReDoS checker
// can prove linear (test/unit/redos.test.ts).
const BEARER = /^Bearer +([\x21-\x7e]+)$/i
const MAX_TOKEN_CHARS = 512

function unauthorized(message: string) {
  return apiError('unauthorized', message)
}

/**
 * The token in an `Authorization: Bearer <token>` header, or 401. Also the session exchange's
 * way in (api/auth/session.ts).
 */
export function bearerSecret(header: string): string {
  const match = BEARER.exec(header.trim())
  if (!match || match[1].length > MAX_TOKEN_CHARS)
    throw unauthorized('The Authorization header must be "Bearer <token>"')
  return match[1]
}

/**
 * The live token a secret is, looked up by its SHA-256 (the only thing stored), or 401; 401
 * `token_expired` past its end. The lookup's timing reveals nothing of a stored token, since
 * what is looked up is a hash of what the caller sent; the found hash is still compared in
 * constant time, so no index or collation quirk can make a near miss count as a match.
 */
export async function tokenBySecret(db: Db, secret: string, nowMs: number): Promise<TokenRecord> {
  const hash = await hashToken(secret)
  const row = await liveTokenByHash(db, hash)
  if (row === null || !constantTimeEqual(row.hash, hash)) {
    throw unauthorized('This token is unknown or revoked')
  }
  refuseExpired(row, nowMs)
  await markUsed(db, row, nowMs)
  return row
}

/**
 * Every restricted route: `Authorization: Bearer <token>`, or else the dashboard's session
 * cookie (auth/session.ts), which speaks for the token it was made from. A request with the
 * header is judged by the header alone, as before sessions existed.
 */
export const requireToken = factory.createMiddleware(async (c, next) => {
  c.header('Cache-Control', 'no-store')
  const header = c.req.header('Authorization')
  const now = Date.now()
  if (header === undefined) {
    const session = sessionCookie(c)
    if (session === undefined) {
      c.header('WWW-Authenticate', 'Bearer')
      throw unauthorized('Send a token: Authorization: Bearer <token>')
    }
    c.set('token', (await sessionScope(c, session, now)).token)
  } else {
    c.set('token', scopeOf(await tokenBySecret(c.var.db, bearerSecret(header), now)))
  }
  await next()
})

/** 403 for any token but an admin's, before a body is even read. */
export const adminOnly = factory.createMiddleware(async (c, next) => {
  requireAdmin(c.var.token)
  await next()
})
