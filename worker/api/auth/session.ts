import { createRoute, z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { bearerSecret, tokenBySecret } from '../../auth/bearer-auth'
import {
  clearSessionCookie,
  newSessionId,
  SESSION_COOKIE,
  SESSION_HEADER,
  SESSION_MS,
  scopeOf,
  sessionCookie,
  sessionHash,
  sessionScope,
  setSessionCookie,
} from '../../auth/session'
import { factory } from '../../env'
import { ApiError, apiError } from '../../errors'
import { deleteSession, insertSession } from '../../storage/sessions'
import { jsonBody } from '../../validation/json-body'
import { access, apiApp, BODY, errors, noContent, ok, RESTRICTED } from '../operation'
import { tokenScope } from '../schemas'

const Session = z
  .strictObject({
    token: tokenScope,
    expires_at: z.int().describe('When the session ends unless used again (ms since 1970)'),
  })
  .openapi('Session')

const exchange = z.strictObject({ token: z.string().min(1).max(512) })

type Exchange = z.output<typeof exchange>

const JSON_ONLY = /^application\/json\s*(;|$)/i

/**
 * The token to exchange: the Authorization header, else a JSON body. application/json only
 * (not the text/plain the widget's endpoints take): a cross-site form cannot send it, so no
 * other site can sign a browser in under a token of its choosing.
 */
const sentToken: MiddlewareHandler<{ Variables: { body: Exchange } }> = async (c, next) => {
  const header = c.req.header('Authorization')
  if (header !== undefined) {
    c.set('body', { token: bearerSecret(header) })
    return next()
  }
  if (!JSON_ONLY.test(c.req.header('Content-Type') ?? '')) {
    throw apiError(
      'unsupported_media_type',
      'Send the token as Authorization: Bearer <token> or as an application/json body',
    )
  }
  return jsonBody(exchange)(c, next)
}

const noStore = factory.createMiddleware(async (c, next) => {
  c.header('Cache-Control', 'no-store')
  await next()
})

const tags: ['Management'] = ['Management']
const cookieNote =
  `The cookie \`${SESSION_COOKIE}\` is HttpOnly, Secure, SameSite=Strict, Path=/; ` +
  `the restricted API takes it as it takes the token. A request made with it that changes ` +
  `anything must carry the \`${SESSION_HEADER}\` header (any value).`

const createSession = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Sign in: exchange a token for a session cookie',
  description:
    'The token as `Authorization: Bearer <token>` or as `{"token": "…"}` (application/json ' +
    `only). The session ends 8 hours after its last use, or with its token. ${cookieNote}`,
  ...access('token'),
  request: {
    body: { required: false, content: { 'application/json': { schema: exchange } } },
  },
  middleware: [sentToken] as [typeof sentToken],
  responses: {
    201: ok(Session, 'Signed in; the answer sets the cookie'),
    ...errors(...RESTRICTED, ...BODY, 'token_expired'),
  },
})

const readSession = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'The session this browser is signed in with, if any',
  description: `\`{"session": null}\` when there is none, it ended, or its token did. ${cookieNote}`,
  ...access('public'),
  responses: {
    200: ok(z.strictObject({ session: Session.nullable() }).openapi('SessionState')),
    ...errors('rate_limited'),
  },
})

const endSession = createRoute({
  method: 'delete',
  path: '/',
  tags,
  summary: 'Sign out («Keluar»): end this browser’s session',
  description: `Ends the session and clears its cookie; done also when there was none. ${cookieNote}`,
  ...access('public'),
  responses: { 204: noContent, ...errors('session_header_missing', 'rate_limited') },
})

/**
 * The dashboard's sessions (docs/dashboard.md «Signing in»): made from a token, read back on
 * each page load (so a second tab is signed in too) and ended by «Keluar».
 */
export const authSessionRoute = apiApp(noStore)
  .openapi(createSession, async (c) => {
    const now = Date.now()
    const token = await tokenBySecret(c.var.db, c.var.body.token, now)
    const previous = sessionCookie(c)
    if (previous !== undefined) await deleteSession(c.var.db, await sessionHash(previous))
    const id = newSessionId()
    const expiresAt = now + SESSION_MS
    await insertSession(
      c.var.db,
      { hash: await sessionHash(id), tokenId: token.id },
      now,
      expiresAt,
    )
    setSessionCookie(c, id, expiresAt, now)
    return c.json({ token: scopeOf(token), expires_at: expiresAt }, 201)
  })
  .openapi(readSession, async (c) => {
    const id = sessionCookie(c)
    if (id === undefined) return c.json({ session: null }, 200)
    try {
      const { token, expiresAt } = await sessionScope(c, id, Date.now())
      return c.json({ session: { token, expires_at: expiresAt } }, 200)
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err
      clearSessionCookie(c)
      return c.json({ session: null }, 200)
    }
  })
  .openapi(endSession, async (c) => {
    const id = sessionCookie(c)
    if (id !== undefined) {
      if (!c.req.header(SESSION_HEADER)) {
        throw apiError(
          'session_header_missing',
          `Signing out with the session cookie needs the ${SESSION_HEADER} header`,
        )
      }
      await deleteSession(c.var.db, await sessionHash(id))
    }
    clearSessionCookie(c)
    return c.body(null, 204)
  })
