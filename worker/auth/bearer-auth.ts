import { constantTimeEqual, hashToken, requireAdmin } from './token'
import { factory } from '../env'
import { apiError } from '../errors'
import { liveTokenByHash } from '../storage/tokens'

// The token's length is checked apart: a bounded repeat of 512 is more than a ReDoS checker
// can prove linear (test/unit/redos.test.ts).
const BEARER = /^Bearer +([\x21-\x7e]+)$/i
const MAX_TOKEN_CHARS = 512

function unauthorized(message: string) {
  return apiError('unauthorized', message)
}

/**
 * Every restricted route: `Authorization: Bearer <token>`, looked up by its SHA-256 (the
 * only thing stored). The lookup's timing reveals nothing of a stored token, since what is
 * looked up is a hash of what the caller sent; the found hash is still compared in
 * constant time, so no index or collation quirk can make a near miss count as a match.
 */
export const requireToken = factory.createMiddleware(async (c, next) => {
  c.header('Cache-Control', 'no-store')
  const header = c.req.header('Authorization')
  if (header === undefined) {
    c.header('WWW-Authenticate', 'Bearer')
    throw unauthorized('Send a token: Authorization: Bearer <token>')
  }
  const match = BEARER.exec(header.trim())
  if (!match || match[1].length > MAX_TOKEN_CHARS)
    throw unauthorized('The Authorization header must be "Bearer <token>"')
  const hash = await hashToken(match[1])
  const row = await liveTokenByHash(c.var.db, hash)
  if (row === null || !constantTimeEqual(row.hash, hash)) {
    throw unauthorized('This token is unknown or revoked')
  }
  const { hash: _stored, ...scope } = row
  c.set('token', scope)
  await next()
})

/** 403 for any token but an admin's, before a body is even read. */
export const adminOnly = factory.createMiddleware(async (c, next) => {
  requireAdmin(c.var.token)
  await next()
})
