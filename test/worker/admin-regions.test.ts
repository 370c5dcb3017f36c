import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { wholeDatabase } from './client'
import { get, send, tokenFor } from './stats-fixtures'

// Regions through the admin API (docs/contract.md §7): a site's Kemendagri code, and provinsi tokens.
let admin: string
beforeAll(async () => {
  admin = (await tokenFor('admin')).token
})

const errorOf = async (res: Response) => ({ status: res.status, body: await res.json() })

describe('a site’s region', () => {
  it('is set on creation, shown with its official name and province, changed and cleared', async () => {
    const res = await send('POST', '/api/v1/admin/sites', admin, {
      id: 'bojonegoro',
      name: 'Kabupaten Bojonegoro',
      region: '35.22',
    })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({
      id: 'bojonegoro',
      region: '35.22',
      region_name: 'Kabupaten Bojonegoro',
      province: '35',
    })
    const changed = await send('PATCH', '/api/v1/admin/sites/bojonegoro', admin, { region: '35' })
    expect(await changed.json()).toMatchObject({
      region: '35',
      region_name: 'Jawa Timur',
      province: '35',
    })
    const listed = await (await get('/api/v1/admin/sites', admin)).json<{
      sites: { id: string; region: string | null }[]
    }>()
    expect(listed.sites.find((s) => s.id === 'bojonegoro')).toMatchObject({
      region: '35',
      region_name: 'Jawa Timur',
    })
    const cleared = await send('PATCH', '/api/v1/admin/sites/bojonegoro', admin, { region: null })
    expect(await cleared.json()).toMatchObject({
      name: 'Kabupaten Bojonegoro',
      region: null,
      region_name: null,
      province: null,
    })
  })

  it('is null for a site made without one', async () => {
    const res = await send('POST', '/api/v1/admin/sites', admin, {
      id: 'tanpa-wilayah',
      name: 'Tanpa Wilayah',
    })
    expect(await res.json()).toMatchObject({ region: null, region_name: null, province: null })
  })

  it('refuses a code that is not on the official list, changing nothing', async () => {
    await send('POST', '/api/v1/admin/sites', admin, {
      id: 'tuban',
      name: 'Tuban',
      region: '35.23',
    })
    const before = await wholeDatabase()
    for (const [method, path, body] of [
      ['POST', '/api/v1/admin/sites', { id: 'lamongan', name: 'Lamongan', region: '35.99' }],
      ['POST', '/api/v1/admin/sites', { id: 'lamongan', name: 'Lamongan', region: 35 }],
      ['PATCH', '/api/v1/admin/sites/tuban', { region: '99' }],
      ['PATCH', '/api/v1/admin/sites/tuban', { name: 'Tuban Baru', region: '35.23.01' }],
    ] as const) {
      const res = await send(method, path, admin, body)
      expect(await errorOf(res)).toEqual({
        status: 400,
        body: { error: { code: 'invalid_request', message: expect.any(String) } },
      })
    }
    expect(await wholeDatabase()).toEqual(before)
  })
})

describe('provinsi tokens', () => {
  it('are made for a province, listed with it, and read it at once', async () => {
    const res = await send('POST', '/api/v1/admin/tokens', admin, {
      role: 'provinsi',
      region: '35',
      label: 'Diskominfo Jatim',
    })
    expect(res.status).toBe(201)
    const made = await res.json<{ id: string; token: string }>()
    expect(made).toMatchObject({
      role: 'provinsi',
      region: '35',
      site: null,
      opd: null,
      label: 'Diskominfo Jatim',
    })
    expect(
      await env.DB.prepare('SELECT region FROM tokens WHERE id = ?').bind(made.id).first(),
    ).toEqual({ region: '35' })
    const listed = await (await get('/api/v1/admin/tokens', admin)).json<{
      tokens: { id: string }[]
    }>()
    expect(listed.tokens.find((t) => t.id === made.id)).toMatchObject({
      role: 'provinsi',
      region: '35',
    })
    const regions = await (await get('/api/v1/stats/regions', made.token)).json<{
      level: string
      province: string
    }>()
    expect(regions).toMatchObject({ level: 'regency', province: '35' })
  })

  it('refuse a missing, unknown or non-province region, and a region on another role', async () => {
    const before = await env.DB.prepare('SELECT count(*) n FROM tokens').first()
    for (const body of [
      { role: 'provinsi', label: 'x' },
      { role: 'provinsi', region: '99', label: 'x' },
      { role: 'provinsi', region: '35.22', label: 'x' },
      { role: 'kominfo', region: '35', label: 'x' },
      { role: 'opd', site: 'tuban', region: '35', label: 'x' },
    ]) {
      const res = await send('POST', '/api/v1/admin/tokens', admin, body)
      expect(await errorOf(res)).toEqual({
        status: 400,
        body: { error: { code: 'invalid_request', message: expect.any(String) } },
      })
    }
    expect(await env.DB.prepare('SELECT count(*) n FROM tokens').first()).toEqual(before)
  })
})
