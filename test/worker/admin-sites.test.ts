import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { answer, errorOf, postJson } from './client'
import { expectRefusals, get, send, tokenFor } from './stats-fixtures'

// Sites, origins and OPDs through the admin API, and the embed snippet.
const NO_REGION = { region: null, region_name: null, province: null }
let admin: string
beforeAll(async () => {
  admin = (await tokenFor('admin')).token
})

describe('sites', () => {
  it('registers a site whose origins may then embed the widget', async () => {
    const origin = 'https://sragenkab.go.id'
    expect((await answer(origin)).status).toBe(403)
    const res = await send('POST', '/api/v1/admin/sites', admin, {
      id: 'sragen',
      name: 'Kabupaten Sragen',
      origins: [origin],
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({
      id: 'sragen',
      name: 'Kabupaten Sragen',
      ...NO_REGION,
      origins: [origin],
      opds: [],
    })
    // The origin cache of this isolate was cleared: the refusal above is not remembered.
    expect((await answer(origin)).status).toBe(200)
  })

  it('replaces origins and renames, and a removed origin is refused at once', async () => {
    const [a, b] = ['https://wonogirikab.go.id', 'https://dinkes.wonogirikab.go.id']
    await send('POST', '/api/v1/admin/sites', admin, {
      id: 'wonogiri',
      name: 'Wonogiri',
      origins: [a],
    })
    expect((await answer(a)).status).toBe(200)
    const res = await send('PATCH', '/api/v1/admin/sites/wonogiri', admin, {
      name: 'Kabupaten Wonogiri',
      origins: [b],
    })
    expect(await res.json()).toMatchObject({ name: 'Kabupaten Wonogiri', origins: [b] })
    expect((await answer(a)).status).toBe(403)
    expect((await answer(b)).status).toBe(200)
  })

  it('refuses a duplicate site, an origin of another site and a bad origin, changing nothing', async () => {
    await send('POST', '/api/v1/admin/sites', admin, {
      id: 'klaten',
      name: 'Klaten',
      origins: ['https://klatenkab.go.id'],
    })
    await expectRefusals(admin, [
      ['POST', '/api/v1/admin/sites', { id: 'klaten', name: 'Lagi' }, 409, 'site_exists'],
      [
        'POST',
        '/api/v1/admin/sites',
        { id: 'boyolali', name: 'B', origins: ['https://klatenkab.go.id'] },
        409,
        'origin_taken',
      ],
      [
        'POST',
        '/api/v1/admin/sites',
        { id: 'x', name: 'X', origins: ['https://x.go.id/'] },
        400,
        'invalid_request',
      ],
      [
        'POST',
        '/api/v1/admin/sites',
        { id: 'x', name: 'X', origins: ['javascript:alert(1)'] },
        400,
        'invalid_request',
      ],
      [
        'POST',
        '/api/v1/admin/sites',
        { id: 'x', name: 'X', origins: ['https://a.go.id', 'https://a.go.id'] },
        400,
        'invalid_request',
      ],
      ['POST', '/api/v1/admin/sites', { id: 'Bad Id', name: 'X' }, 400, 'invalid_request'],
      ['POST', '/api/v1/admin/sites', { id: 'x', name: '   ' }, 400, 'invalid_request'],
      ['POST', '/api/v1/admin/sites', { id: 'x', name: 'X', extra: 1 }, 400, 'invalid_request'],
      ['PATCH', '/api/v1/admin/sites/klaten', {}, 400, 'invalid_request'],
      ['PATCH', '/api/v1/admin/sites/nowhere', { name: 'N' }, 404, 'unknown_site'],
      [
        'PUT',
        '/api/v1/admin/sites/klaten/opds/Dinas_Kesehatan',
        { name: 'Dinkes' },
        400,
        'invalid_request',
      ],
      ['PUT', '/api/v1/admin/sites/nowhere/opds/dinkes', { name: 'Dinkes' }, 404, 'unknown_site'],
    ])
  })
})

describe('OPDs', () => {
  it('adds an OPD with its display name, renames it, and lists it', async () => {
    await send('POST', '/api/v1/admin/sites', admin, { id: 'sukoharjo', name: 'Sukoharjo' })
    await send('PUT', '/api/v1/admin/sites/sukoharjo/opds/dinkes', admin, {
      name: 'Dinas Kesehatn',
    })
    const res = await send('PUT', '/api/v1/admin/sites/sukoharjo/opds/dinkes', admin, {
      name: 'Dinas Kesehatan',
    })
    // Renamed, it keeps the category it was given when added (from its slug, the name misspelt).
    expect(await res.json()).toEqual({
      site: 'sukoharjo',
      slug: 'dinkes',
      name: 'Dinas Kesehatan',
      category: 'kesehatan',
    })
    const site = await (await get('/api/v1/admin/sites/sukoharjo', admin)).json()
    expect(site).toEqual({
      id: 'sukoharjo',
      name: 'Sukoharjo',
      ...NO_REGION,
      origins: [],
      opds: [{ slug: 'dinkes', name: 'Dinas Kesehatan', category: 'kesehatan' }],
    })
    const listed = await (await get('/api/v1/admin/sites', admin)).json<{
      sites: { id: string }[]
    }>()
    expect(listed.sites.map((s) => s.id)).toContain('sukoharjo')
    const stats = await (await get('/api/v1/stats/opds?site=sukoharjo', admin)).json<{
      rows: { name: string }[]
    }>()
    expect(stats.rows[0].name).toBe('Dinas Kesehatan')
  })

  it('gives the embed snippet of the contract, for a token that covers the OPD', async () => {
    await send('POST', '/api/v1/admin/sites', admin, { id: 'karanganyar', name: 'Karanganyar' })
    await send('PUT', '/api/v1/admin/sites/karanganyar/opds/rsud-karanganyar', admin, {
      name: 'RSUD',
    })
    const own = (await tokenFor('opd', 'karanganyar', 'rsud-karanganyar')).token
    for (const token of [admin, own]) {
      const res = await get('/api/v1/admin/sites/karanganyar/opds/rsud-karanganyar/embed', token)
      expect(await res.json()).toEqual({
        site: 'karanganyar',
        opd: 'rsud-karanganyar',
        html:
          '<div data-tanggapan data-opd="rsud-karanganyar" style="min-height:356px"><noscript>\n' +
          '<a href="https://tanggapan.test/tanggapi?site=karanganyar&opd=rsud-karanganyar&article=URL_BERITA">Beri tanggapan / Give feedback</a>\n' +
          '</noscript></div>\n<script src="https://tanggapan.test/widget.js" async></script>',
      })
    }
    const stranger = (await tokenFor('opd', 'karanganyar', 'dinkes')).token
    expect(
      (await get('/api/v1/admin/sites/karanganyar/opds/rsud-karanganyar/embed', stranger)).status,
    ).toBe(403)
    expect((await get('/api/v1/admin/sites/karanganyar/opds/nope/embed', admin)).status).toBe(404)
  })
})

describe('who may manage', () => {
  it('answers 401 without a token and 403 to a kominfo token, changing nothing', async () => {
    const kominfo = (await tokenFor('kominfo')).token
    const before = await env.DB.prepare('SELECT count(*) n FROM sites').first()
    const anonymous = await postJson('/api/v1/admin/sites', { id: 'anon', name: 'Anon' })
    expect(anonymous.status).toBe(401)
    const refused = await send('POST', '/api/v1/admin/sites', kominfo, { id: 'anon', name: 'Anon' })
    expect(await errorOf(refused)).toMatchObject({ status: 403, code: 'forbidden' })
    expect(await env.DB.prepare('SELECT count(*) n FROM sites').first()).toEqual(before)
  })
})
