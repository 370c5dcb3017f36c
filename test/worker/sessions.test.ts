import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { hashToken } from '../../worker/auth/token'
import { call, errorOf } from './client'
import { send, tokenFor } from './stats-fixtures'

// The dashboard's sign-in: a token exchanged for a session cookie (docs/dashboard.md
// «Signing in»), and the token's end and «last used».

const T0 = Date.parse('2026-12-07T01:00:00Z')
const HOUR = 60 * 60 * 1000
const COOKIE = '__Host-tanggapan_session'

let admin: string
beforeAll(async () => {
  admin = (await tokenFor('admin')).token
})

afterEach(() => {
  vi.useRealTimers()
})

function at(ms: number) {
  vi.useFakeTimers({ toFake: ['Date'], now: ms })
}

/** The session cookie's value and attributes, as a browser would read its Set-Cookie. */
function setCookie(res: Response) {
  const line = res.headers.getSetCookie().find((l) => l.startsWith(`${COOKIE}=`))
  if (line === undefined) return null
  const [pair, ...attrs] = line.split(/;\s*/)
  return { value: pair.slice(COOKIE.length + 1), attrs: attrs.map((a) => a.toLowerCase()) }
}

async function signIn(token: string) {
  const res = await call('POST', '/api/v1/auth/session', null, {
    headers: { Authorization: `Bearer ${token}` },
  })
  expect(res.status).toBe(201)
  const cookie = setCookie(res)
  if (cookie === null) throw new Error('no session cookie')
  return cookie.value
}

function withCookie(
  method: string,
  path: string,
  cookie: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return call(method, path, body === undefined ? null : JSON.stringify(body), {
    headers: { Cookie: `${COOKIE}=${cookie}`, ...headers },
  })
}

const dashboard = { 'X-Tanggapan-Session': '1' }

async function tokenRow(id: string) {
  return env.DB.prepare('SELECT expires_at, last_used_at FROM tokens WHERE id = ?')
    .bind(id)
    .first<{ expires_at: number | null; last_used_at: number | null }>()
}

async function madeToken(body: Record<string, unknown>) {
  const res = await send('POST', '/api/v1/admin/tokens', admin, body)
  expect(res.status).toBe(201)
  return res.json<{ id: string; token: string; expires_at: number | null }>()
}

describe('signing in with a token', () => {
  it('exchanges the token (Bearer or JSON) for an HttpOnly, Secure, SameSite=Strict cookie of 8 hours that reads as the token does', async () => {
    const made = await madeToken({ role: 'kominfo', label: 'Komdigi pusat' })
    const res = await call('POST', '/api/v1/auth/session', JSON.stringify({ token: made.token }))
    expect(res.status).toBe(201)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const answer = await res.json<{ token: { id: string; role: string }; expires_at: number }>()
    expect(answer.token).toMatchObject({ id: made.id, role: 'kominfo', label: 'Komdigi pusat' })
    const cookie = setCookie(res)!
    expect(cookie.value).toMatch(/^[\w-]{43}$/)
    expect(cookie.attrs).toEqual(
      expect.arrayContaining(['httponly', 'secure', 'samesite=strict', 'path=/', 'max-age=28800']),
    )
    expect(cookie.attrs.some((a) => a.startsWith('domain='))).toBe(false)

    const scope = await withCookie('GET', '/api/v1/stats/scope', cookie.value)
    expect(scope.status).toBe(200)
    expect((await scope.json<{ token: { id: string } }>()).token.id).toBe(made.id)
    const state = await withCookie('GET', '/api/v1/auth/session', cookie.value)
    expect(await state.json()).toMatchObject({ session: { token: { id: made.id } } })

    // By header, the same.
    expect(await signIn(made.token)).not.toBe(cookie.value)
  })

  it('refuses a wrong token, and a token in a text/plain body (a cross-site form could send that)', async () => {
    const wrong = await call('POST', '/api/v1/auth/session', JSON.stringify({ token: 'tgp_x' }))
    expect(await errorOf(wrong)).toMatchObject({ status: 401, code: 'unauthorized' })
    expect(setCookie(wrong)).toBeNull()
    const made = await madeToken({ role: 'kominfo', label: 'x' })
    const plain = await call('POST', '/api/v1/auth/session', JSON.stringify(made), {
      contentType: 'text/plain',
    })
    expect(await errorOf(plain)).toMatchObject({ status: 415, code: 'unsupported_media_type' })
    expect(setCookie(plain)).toBeNull()
    const none = await call('GET', '/api/v1/auth/session')
    expect(await none.json()).toEqual({ session: null })
  })

  it('stores only a hash of the session id, and nothing of the network or browser', async () => {
    const made = await madeToken({ role: 'kominfo', label: 'stored' })
    const cookie = await signIn(made.token)
    const rows = await env.DB.prepare('SELECT * FROM sessions WHERE token_id = ?')
      .bind(made.id)
      .all()
    expect(rows.results).toHaveLength(1)
    const row = rows.results[0]
    expect(Object.keys(row).sort()).toEqual(['created_at', 'expires_at', 'hash', 'token_id'])
    expect(row.hash).toBe(await hashToken(cookie))
    expect(JSON.stringify(rows.results)).not.toContain(cookie)
  })

  it('slides the 8 hours while used, writing the new end at most once a minute, and ends 8 hours after the last use', async () => {
    at(T0)
    const made = await madeToken({ role: 'kominfo', label: 'sliding' })
    const cookie = await signIn(made.token)
    const hashEnd = async () =>
      (await env.DB.prepare('SELECT expires_at FROM sessions WHERE token_id = ?')
        .bind(made.id)
        .first<number>('expires_at'))!
    expect(await hashEnd()).toBe(T0 + 8 * HOUR)

    at(T0 + 7 * HOUR)
    const used = await withCookie('GET', '/api/v1/stats/sites', cookie)
    expect(used.status).toBe(200)
    expect(setCookie(used)?.attrs).toContain('max-age=28800')
    expect(await hashEnd()).toBe(T0 + 15 * HOUR)

    at(T0 + 7 * HOUR + 30_000)
    const soon = await withCookie('GET', '/api/v1/stats/sites', cookie)
    expect(soon.status).toBe(200)
    expect(setCookie(soon)).toBeNull()
    expect(await hashEnd()).toBe(T0 + 15 * HOUR)

    at(T0 + 15 * HOUR + 1)
    const late = await withCookie('GET', '/api/v1/stats/sites', cookie)
    expect(await errorOf(late)).toMatchObject({ status: 401, code: 'unauthorized' })
    const state = await withCookie('GET', '/api/v1/auth/session', cookie)
    expect(await state.json()).toEqual({ session: null })
  })

  it('ends every session of a token when it is revoked', async () => {
    const made = await madeToken({ role: 'kominfo', label: 'revoked' })
    const one = await signIn(made.token)
    const two = await signIn(made.token)
    expect((await withCookie('GET', '/api/v1/stats/sites', one)).status).toBe(200)
    expect((await send('DELETE', `/api/v1/admin/tokens/${made.id}`, admin)).status).toBe(204)
    for (const cookie of [one, two]) {
      const res = await withCookie('GET', '/api/v1/stats/sites', cookie)
      expect(await errorOf(res)).toMatchObject({ status: 401, code: 'unauthorized' })
    }
    const left = await env.DB.prepare('SELECT COUNT(*) AS n FROM sessions WHERE token_id = ?')
      .bind(made.id)
      .first<number>('n')
    expect(left).toBe(0)
  })

  it('ends the session on «Keluar»: the cookie is cleared and no longer reads anything', async () => {
    const made = await madeToken({ role: 'kominfo', label: 'keluar' })
    const cookie = await signIn(made.token)
    const refused = await withCookie('DELETE', '/api/v1/auth/session', cookie)
    expect(await errorOf(refused)).toMatchObject({ status: 403, code: 'session_header_missing' })
    const out = await withCookie('DELETE', '/api/v1/auth/session', cookie, undefined, dashboard)
    expect(out.status).toBe(204)
    expect(setCookie(out)?.attrs).toContain('max-age=0')
    expect((await withCookie('GET', '/api/v1/stats/sites', cookie)).status).toBe(401)
    // The token itself still works: only the session ended.
    expect((await send('GET', '/api/v1/stats/sites', made.token)).status).toBe(200)
  })
})

describe('changes made with the session cookie', () => {
  it('need the X-Tanggapan-Session header (a cross-site page cannot add it); Bearer clients need nothing new', async () => {
    const cookie = await signIn(admin)
    const body = { role: 'kominfo', label: 'csrf' }
    const count = () =>
      env.DB.prepare("SELECT COUNT(*) AS n FROM tokens WHERE label = 'csrf'").first<number>('n')

    const forged = await withCookie('POST', '/api/v1/admin/tokens', cookie, body)
    expect(await errorOf(forged)).toMatchObject({ status: 403, code: 'session_header_missing' })
    const forgedPlain = await call('POST', '/api/v1/admin/tokens', JSON.stringify(body), {
      contentType: 'text/plain',
      headers: { Cookie: `${COOKIE}=${cookie}` },
    })
    expect(await errorOf(forgedPlain)).toMatchObject({ code: 'session_header_missing' })
    expect(await count()).toBe(0)

    const made = await withCookie('POST', '/api/v1/admin/tokens', cookie, body, dashboard)
    expect(made.status).toBe(201)
    expect((await send('POST', '/api/v1/admin/tokens', admin, body)).status).toBe(201)
    expect(await count()).toBe(2)
  })
})

describe('a token’s end and last use', () => {
  it('refuses a token past its end with 401 token_expired, by header and behind a session', async () => {
    at(T0)
    const made = await madeToken({ role: 'kominfo', label: 'ends', expires_at: T0 + HOUR })
    expect(made.expires_at).toBe(T0 + HOUR)
    const cookie = await signIn(made.token)
    expect((await send('GET', '/api/v1/stats/sites', made.token)).status).toBe(200)

    at(T0 + HOUR)
    const byHeader = await send('GET', '/api/v1/stats/sites', made.token)
    const refused = await errorOf(byHeader)
    expect(refused).toMatchObject({ status: 401, code: 'token_expired' })
    expect(refused.message).toContain('2026-12-07T02:00:00.000Z')
    const bySession = await withCookie('GET', '/api/v1/stats/sites', cookie)
    expect(await errorOf(bySession)).toMatchObject({ status: 401, code: 'token_expired' })
    const exchange = await call('POST', '/api/v1/auth/session', null, {
      headers: { Authorization: `Bearer ${made.token}` },
    })
    expect(await errorOf(exchange)).toMatchObject({ status: 401, code: 'token_expired' })

    const listed = await (await send('GET', '/api/v1/admin/tokens', admin)).json<{
      tokens: { id: string; expires_at: number | null }[]
    }>()
    expect(listed.tokens.find((t) => t.id === made.id)?.expires_at).toBe(T0 + HOUR)
  })

  it('refuses an end in the past when a token is made', async () => {
    at(T0)
    const res = await send('POST', '/api/v1/admin/tokens', admin, {
      role: 'kominfo',
      label: 'past',
      expires_at: T0 - 1,
    })
    expect(await errorOf(res)).toMatchObject({ status: 400, code: 'invalid_request' })
  })

  it('marks when a token was last used, at most once a minute whatever the burst', async () => {
    at(T0)
    const made = await madeToken({ role: 'kominfo', label: 'used' })
    expect(await tokenRow(made.id)).toEqual({ expires_at: null, last_used_at: null })

    at(T0 + 1000)
    for (let i = 0; i < 5; i++) {
      expect((await send('GET', '/api/v1/stats/sites', made.token)).status).toBe(200)
    }
    expect((await tokenRow(made.id))?.last_used_at).toBe(T0 + 1000)

    at(T0 + 1000 + 59_000)
    const cookie = await signIn(made.token)
    await withCookie('GET', '/api/v1/stats/sites', cookie)
    expect((await tokenRow(made.id))?.last_used_at).toBe(T0 + 1000)

    at(T0 + 1000 + 60_000)
    await withCookie('GET', '/api/v1/stats/sites', cookie)
    expect((await tokenRow(made.id))?.last_used_at).toBe(T0 + 61_000)

    const listed = await (await send('GET', '/api/v1/admin/tokens', admin)).json<{
      tokens: { id: string; last_used_at: number | null }[]
    }>()
    expect(listed.tokens.find((t) => t.id === made.id)?.last_used_at).toBe(T0 + 61_000)
  })
})
