import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { hashToken } from '../../worker/auth/token'
import { errorOf } from './client'
import { get, seedArticle, send, tokenFor } from './stats-fixtures'

let admin: string
beforeAll(async () => {
  admin = (await tokenFor('admin')).token
  await seedArticle('tokens-site', 'bkd', 'https://tokens.go.id/a', 'A', {
    '2026-05-01': [1, 0, 0, 0, 2],
  })
})

describe('tokens', () => {
  it('makes a token that works at once, shown once and stored only as its hash', async () => {
    const res = await send('POST', '/api/v1/admin/tokens', admin, {
      role: 'opd',
      site: 'tokens-site',
      opd: 'bkd',
      label: 'BKD Kabupaten',
    })
    expect(res.status).toBe(201)
    const made = await res.json<{ id: string; token: string }>()
    expect(made).toEqual({
      id: expect.stringMatching(/^tok_[0-9a-f]{16}$/),
      token: expect.stringMatching(/^tgp_[\w-]{43}$/),
      role: 'opd',
      site: 'tokens-site',
      opd: 'bkd',
      region: null,
      label: 'BKD Kabupaten',
      expires_at: null,
    })
    const stored = await env.DB.prepare('SELECT * FROM tokens WHERE id = ?').bind(made.id).first()
    expect(stored).toMatchObject({
      hash: await hashToken(made.token),
      role: 'opd',
      site_id: 'tokens-site',
      opd: 'bkd',
      revoked_at: null,
    })
    expect(JSON.stringify(stored)).not.toContain(made.token)
    expect((await get('/api/v1/stats/opds', made.token)).status).toBe(200)

    const listed = await (await get('/api/v1/admin/tokens', admin)).json<{
      tokens: Record<string, unknown>[]
    }>()
    const entry = listed.tokens.find((t) => t.id === made.id)
    expect(entry).toEqual({
      id: made.id,
      role: 'opd',
      site: 'tokens-site',
      opd: 'bkd',
      region: null,
      label: 'BKD Kabupaten',
      created_at: expect.any(Number),
      revoked_at: null,
      expires_at: null,
      last_used_at: expect.any(Number),
    })
    expect(JSON.stringify(listed)).not.toMatch(/tgp_|hash/)
  })

  it('revokes a token: 401 from then on', async () => {
    const made = await (
      await send('POST', '/api/v1/admin/tokens', admin, { role: 'kominfo', label: 'Kominfo pusat' })
    ).json<{ id: string; token: string }>()
    expect((await get('/api/v1/stats/sites', made.token)).status).toBe(200)
    expect((await send('DELETE', `/api/v1/admin/tokens/${made.id}`, admin)).status).toBe(204)
    expect((await get('/api/v1/stats/sites', made.token)).status).toBe(401)
    expect((await send('DELETE', '/api/v1/admin/tokens/tok_0000000000000000', admin)).status).toBe(
      404,
    )
  })

  it('refuses tokens that make no sense', async () => {
    const bad: [unknown, number, string][] = [
      [{ role: 'root', label: 'x' }, 400, 'invalid_request'],
      [{ role: 'kominfo', site: 'tokens-site', label: 'x' }, 400, 'invalid_request'],
      [{ role: 'opd', label: 'x' }, 400, 'invalid_request'],
      [{ role: 'opd', site: 'tokens-site', label: '' }, 400, 'invalid_request'],
      [{ role: 'opd', site: 'no-such', label: 'x' }, 404, 'unknown_site'],
      [{ role: 'opd', site: 'tokens-site', opd: 'no-such', label: 'x' }, 404, 'unknown_opd'],
    ]
    const before = await env.DB.prepare('SELECT count(*) n FROM tokens').first()
    for (const [body, status, code] of bad) {
      const res = await send('POST', '/api/v1/admin/tokens', admin, body)
      expect({ body, ...(await errorOf(res)) }).toMatchObject({ body, status, code })
    }
    expect(await env.DB.prepare('SELECT count(*) n FROM tokens').first()).toEqual(before)
  })
})
