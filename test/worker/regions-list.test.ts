import { beforeAll, describe, expect, it } from 'vitest'
import { call } from './client'
import { get, send, tokenFor } from './stats-fixtures'

// What the «Kelola» page reads instead of carrying it in the dashboard's script: the official
// region list (GET /api/v1/regions, docs/dashboard.md «Kelola») and, with each OPD of the admin
// site list, the category its name suggests (docs/contract.md §13).

interface Region {
  code: string
  name: string
  province: string
}

describe('GET /api/v1/regions', () => {
  it('lists the 38 provinces, each followed by its kabupaten/kota, for anyone', async () => {
    const res = await call('GET', '/api/v1/regions', null, { origin: 'https://pemda.example' })
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const { regions } = await res.json<{ regions: Region[] }>()
    const provinces = regions.filter((r) => r.code === r.province)
    expect(provinces).toHaveLength(38)
    expect(provinces.find((p) => p.code === '35')).toEqual({
      code: '35',
      name: 'Jawa Timur',
      province: '35',
    })
    const jatim = regions.filter((r) => r.province === '35' && r.code !== '35')
    expect(jatim).toHaveLength(38)
    expect(jatim).toContainEqual({ code: '35.22', name: 'Kabupaten Bojonegoro', province: '35' })
    expect(jatim).toContainEqual({ code: '35.78', name: 'Kota Surabaya', province: '35' })
    // The province first, then its own: the order the picker shows.
    const at = regions.findIndex((r) => r.code === '35')
    expect(regions.slice(at + 1, at + 39)).toEqual(jatim)
    expect(regions).toHaveLength(38 + 514)
  })

  it('may be kept a week, and revalidates with its ETag for a 304 and no body', async () => {
    const first = await call('GET', '/api/v1/regions')
    expect(first.headers.get('Cache-Control')).toBe('public, max-age=604800')
    const tag = first.headers.get('ETag')
    expect(tag).toMatch(/^"[^"]+"$/)
    const again = await call('GET', '/api/v1/regions', null, {
      headers: { 'If-None-Match': tag! },
    })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })
})

describe('the admin site list', () => {
  let admin: string
  beforeAll(async () => {
    admin = (await tokenFor('admin')).token
    await send('POST', '/api/v1/admin/sites', admin, { id: 'saran', name: 'Kabupaten Saran' })
    await send('PUT', '/api/v1/admin/sites/saran/opds/humas', admin, {
      name: 'Bagian Humas dan Protokol',
    })
    await send('PUT', '/api/v1/admin/sites/saran/opds/rsud', admin, { name: 'RSUD dr. Soedono' })
  })

  it('gives each OPD the category its name suggests, also once another is chosen', async () => {
    const changed = await send('PATCH', '/api/v1/admin/sites/saran/opds/rsud', admin, {
      category: 'kesehatan',
    })
    expect(changed.status).toBe(200)
    const { sites } = await (await get('/api/v1/admin/sites', admin)).json<{
      sites: {
        id: string
        opds: { slug: string; category: string; suggested_category: string }[]
      }[]
    }>()
    expect(sites.find((s) => s.id === 'saran')!.opds).toEqual([
      {
        slug: 'humas',
        name: 'Bagian Humas dan Protokol',
        category: 'sekretariat-daerah',
        suggested_category: 'sekretariat-daerah',
      },
      {
        slug: 'rsud',
        name: 'RSUD dr. Soedono',
        category: 'kesehatan',
        suggested_category: 'rumah-sakit',
      },
    ])
  })
})
