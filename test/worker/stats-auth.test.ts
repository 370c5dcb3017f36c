import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { call, errorOf } from './client'
import { get, seedArticle, send, tokenFor } from './stats-fixtures'

// Who may read what: 401 without a valid token, 403 outside the token's scope.
const HOME = 'scope-home'
const OTHER = 'scope-other'
const ENDPOINTS = ['scope', 'sites', 'opds', 'articles', 'timeseries']
let opdSite: string
let opdOne: string
let kominfo: string

beforeAll(async () => {
  await seedArticle(HOME, 'dinkes', 'https://home.go.id/berita/a', 'Dinkes A', {
    '2026-10-01': [3, 0, 0, 0, 10],
  })
  await seedArticle(HOME, 'dishub', 'https://home.go.id/berita/b', 'Dishub B', {
    '2026-10-01': [0, 0, 0, 2, 10],
  })
  await seedArticle(OTHER, 'dinkes', 'https://other.go.id/berita/c', 'Lain C', {
    '2026-10-01': [1, 1, 0, 0, 5],
  })
  opdSite = (await tokenFor('opd', HOME)).token
  opdOne = (await tokenFor('opd', HOME, 'dinkes')).token
  kominfo = (await tokenFor('kominfo')).token
})

describe('authentication', () => {
  it.each(ENDPOINTS)('answers 401 on /stats/%s without a token', async (endpoint) => {
    const res = await get(`/api/v1/stats/${endpoint}`)
    expect(res.status).toBe(401)
    expect(res.headers.get('WWW-Authenticate')).toBe('Bearer')
    expect(await errorOf(res)).toMatchObject({ status: 401, code: 'unauthorized' })
  })

  it('answers 401 to an unknown, malformed or revoked token', async () => {
    const unknown = await get('/api/v1/stats/opds', 'tgp_' + 'x'.repeat(43))
    const malformed = await call401('Basic dXNlcjpwYXNz')
    const tooLong = await call401('Bearer ' + 'x'.repeat(513))
    const minted = await tokenFor('kominfo')
    await env.DB.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?')
      .bind(Date.now(), minted.id)
      .run()
    const revoked = await get('/api/v1/stats/opds', minted.token)
    for (const res of [unknown, malformed, tooLong, revoked]) {
      expect(await errorOf(res)).toMatchObject({ status: 401, code: 'unauthorized' })
    }
  })

  it('never stores the token itself', async () => {
    const minted = await tokenFor('kominfo')
    const dump = JSON.stringify(await env.DB.prepare('SELECT * FROM tokens').all())
    expect(dump).not.toContain(minted.token)
    expect(dump).toContain(minted.hash)
  })
})

function call401(authorization: string) {
  return call('GET', '/api/v1/stats/opds', null, { headers: { Authorization: authorization } })
}

describe('scope of an opd token', () => {
  it.each(ENDPOINTS.filter((e) => e !== 'scope'))(
    'cannot read another site on /stats/%s',
    async (endpoint) => {
      const res = await get(`/api/v1/stats/${endpoint}?site=${OTHER}`, opdSite)
      expect(await errorOf(res)).toMatchObject({ status: 403, code: 'out_of_scope' })
    },
  )

  it.each(['opds', 'articles', 'timeseries'])(
    'cannot read another OPD of its site on /stats/%s',
    async (endpoint) => {
      const res = await get(`/api/v1/stats/${endpoint}?site=${HOME}&opd=dishub`, opdOne)
      expect(res.status).toBe(403)
    },
  )

  it('reads only its own site when it names none', async () => {
    const rows = (
      await (
        await get('/api/v1/stats/opds', opdSite)
      ).json<{ rows: { site: string; opd: string }[] }>()
    ).rows
    expect(rows.map((r) => `${r.site}/${r.opd}`)).toEqual([`${HOME}/dinkes`, `${HOME}/dishub`])
  })

  it('reads only its own OPD, in every view', async () => {
    const opds = (
      await (await get('/api/v1/stats/opds', opdOne)).json<{ rows: { opd: string }[] }>()
    ).rows
    expect(opds.map((r) => r.opd)).toEqual(['dinkes'])
    const articles = (
      await (await get('/api/v1/stats/articles', opdOne)).json<{ rows: { title: string }[] }>()
    ).rows
    expect(articles.map((r) => r.title)).toEqual(['Dinkes A'])
    // The site row of an OPD token sums its own OPD only: 3 answers, not 5.
    const sites = (
      await (
        await get('/api/v1/stats/sites', opdOne)
      ).json<{ rows: { site: string; total: number }[] }>()
    ).rows
    expect(sites).toMatchObject([{ site: HOME, total: 3 }])
    const days = (
      await (await get('/api/v1/stats/timeseries', opdOne)).json<{ rows: { total: number }[] }>()
    ).rows
    expect(days.map((d) => d.total)).toEqual([3])
  })

  it('cannot read the timeseries of another OPD’s article', async () => {
    const res = await get(
      `/api/v1/stats/timeseries?article=${encodeURIComponent('https://home.go.id/berita/b')}`,
      opdOne,
    )
    expect(res.status).toBe(403)
  })

  it('sees only its own site and OPD in /stats/scope', async () => {
    const body = await (await get('/api/v1/stats/scope', opdOne)).json<{
      token: object
      sites: { id: string; opds: { slug: string }[] }[]
    }>()
    expect(body.token).toMatchObject({ role: 'opd', site: HOME, opd: 'dinkes' })
    expect(body.sites.map((s) => [s.id, s.opds.map((o) => o.slug)])).toEqual([[HOME, ['dinkes']]])
  })

  it('may not manage anything', async () => {
    for (const token of [opdSite, kominfo]) {
      expect((await get('/api/v1/admin/sites', token)).status).toBe(403)
      expect((await get('/api/v1/admin/tokens', token)).status).toBe(403)
      expect(
        (await send('POST', '/api/v1/admin/tokens', token, { role: 'admin', label: 'x' })).status,
      ).toBe(403)
    }
  })
})

describe('a kominfo token', () => {
  it('reads every site', async () => {
    const rows = (
      await (await get('/api/v1/stats/sites', kominfo)).json<{ rows: { site: string }[] }>()
    ).rows
    expect(rows.map((r) => r.site)).toEqual(expect.arrayContaining([HOME, OTHER]))
    expect((await get(`/api/v1/stats/articles?site=${OTHER}`, kominfo)).status).toBe(200)
  })
})
