import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Db } from '../db/client'
import type { AppEnv } from '../env'
import { apiError } from '../errors'
import { extendSession, liveSessionByHash } from '../storage/sessions'
import { markTokenUsed, type TokenRecord } from '../storage/tokens'
import { hashToken, type TokenScope } from './token'

// The dashboard's sign-in (docs/dashboard.md «Signing in»): a token is exchanged once for a
// session cookie, which the restricted API then takes as it takes the token.

/**
 * `__Host-`: the browser keeps it only as Secure, for Path=/ and this host alone (no Domain),
 * so no other site or subdomain can set or shadow it. Chromium and Firefox accept Secure
 * cookies from http://localhost and 127.0.0.1, which `npm start` and the browser tests use.
 */
export const SESSION_COOKIE = '__Host-tanggapan_session'

/** A session ends 8 hours after its last use: an office day. */
export const SESSION_MS = 8 * 60 * 60 * 1000

/**
 * How stale a session's end or a token's «last used» may grow before a request writes it
 * again. A dashboard page sends a burst of requests; one write a minute per session and per
 * token keeps D1 writes off the read path while both stay right to the minute.
 */
const USE_MARK_MS = 60 * 1000

/**
 * Cookie-authenticated requests that change anything must carry this header (any value).
 * Cross-site pages cannot: a custom header needs a CORS preflight, which the restricted API
 * never grants, while a form or a no-cors fetch may send cookies with a text/plain body.
 * SameSite=Strict already keeps the cookie off cross-site requests; this is the second lock
 * (docs/api.md «Sessions»).
 */
export const SESSION_HEADER = 'X-Tanggapan-Session'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The cookie's id: 32 random bytes, as base64url. Only its SHA-256 is stored. */
export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '')
}

export function sessionHash(id: string): Promise<string> {
  return hashToken(id)
}

/** Sets (or renews) the session cookie to end `expiresAt`. */
export function setSessionCookie(c: Context, id: string, expiresAt: number, nowMs: number) {
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: Math.max(0, Math.floor((expiresAt - nowMs) / 1000)),
  })
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/' })
}

export function sessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE)
}

/** 401 `token_expired` once the token's end has passed, whether sent or behind a session. */
export function refuseExpired(token: TokenRecord, nowMs: number): void {
  if (token.expiresAt !== null && token.expiresAt <= nowMs) {
    throw apiError(
      'token_expired',
      `This token expired at ${new Date(token.expiresAt).toISOString()}; ask an admin for a new one`,
    )
  }
}

/** Records the token's use, at most once per USE_MARK_MS (see there why). */
export async function markUsed(db: Db, token: TokenRecord, nowMs: number): Promise<void> {
  if (token.lastUsedAt !== null && nowMs - token.lastUsedAt < USE_MARK_MS) return
  await markTokenUsed(db, token.id, nowMs, nowMs - USE_MARK_MS + 1)
}

/** The token scope without what only the middleware needs. */
export function scopeOf(token: TokenRecord): TokenScope {
  const { hash: _hash, expiresAt: _expires, lastUsedAt: _used, ...scope } = token
  return scope
}

/**
 * The scope a session cookie speaks for, or 401: the session must exist, not have ended, and
 * its token be neither revoked nor expired. A state-changing request must carry
 * SESSION_HEADER. Its end slides with use (renewed in the cookie too), written at most once
 * per USE_MARK_MS.
 */
export async function sessionScope(
  c: Context<AppEnv>,
  id: string,
  nowMs: number,
): Promise<{ token: TokenScope; expiresAt: number }> {
  if (!SAFE_METHODS.has(c.req.method) && !c.req.header(SESSION_HEADER)) {
    throw apiError(
      'session_header_missing',
      `A change made with the session cookie needs the ${SESSION_HEADER} header`,
    )
  }
  const hash = await sessionHash(id)
  const session = await liveSessionByHash(c.var.db, hash)
  if (session === null || session.expiresAt <= nowMs) {
    throw apiError('unauthorized', 'The session has ended; sign in again')
  }
  refuseExpired(session.token, nowMs)
  let expiresAt = session.expiresAt
  if (nowMs + SESSION_MS - expiresAt >= USE_MARK_MS) {
    expiresAt = nowMs + SESSION_MS
    await extendSession(c.var.db, hash, expiresAt)
    setSessionCookie(c, id, expiresAt, nowMs)
  }
  await markUsed(c.var.db, session.token, nowMs)
  return { token: scopeOf(session.token), expiresAt }
}
