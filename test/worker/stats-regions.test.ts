import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { regenciesOf } from '../../worker/domain/regions/regions'
import { wholeDatabase } from './client'
import { get, seedArticle, send, tokenFor } from './stats-fixtures'

// Regions (docs/contract.md §7): the national and provincial tables, and what a provinsi token reads.
// Jawa Timur (35) has a provincial site and two kabupaten; Jawa Tengah (33) one kota.
const SITES: [string, string, string, [number, number, number, number, number]][] = [
  ['rg-jatim', '35', 'diskominfo', [4, 0, 0, 0, 10]],
  ['rg-bojonegoro', '35.22', 'dinkes', [10, 5, 3, 2, 60]],
  ['rg-bojonegoro2', '35.22', 'dishub', [1, 0, 0, 1, 5]],
  ['rg-surabaya', '35.78', 'dinkes', [0, 0, 1, 1, 4]],
  ['rg-semarang', '33.74', 'dinkes', [3, 1, 0, 0, 9]],
]
let kominfo: string
let jatim: string
let jateng: string
let opd: string

beforeAll(async () => {
  for (const [site, region, opdSlug, day] of SITES) {
    await seedArticle(site, opdSlug, `https://${site}.go.id/berita/1`, `Berita ${site}`, {
      '2026-10-05': day,
    })
    await env.DB.prepare('UPDATE sites SET region = ? WHERE id = ?').bind(region, site).run()
  }
  kominfo = (await tokenFor('kominfo')).token
  jatim = (await tokenFor('provinsi', null, null, '35')).token
  jateng = (await tokenFor('provinsi', null, null, '33')).token
  opd = (await tokenFor('opd', 'rg-bojonegoro')).token
})

type Row = {
  region: string
  name: string
  sites: number
  total: number
  ikm: number | null
  rank_low: number
  rank_high: number
  sample_adequate: boolean
}
const rowsOf = async (path: string, token: string) => {
  const res = await get(path, token)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json<{ rows: Row[] }>()).rows
}
const errorOf = async (res: Response) => ({ status: res.status, body: await res.json() })
const outOfScope = {
  status: 403,
  body: { error: { code: 'out_of_scope', message: expect.any(String) } },
}
const invalid = {
  status: 400,
  body: { error: { code: 'invalid_request', message: expect.any(String) } },
}

describe('GET /stats/regions, national', () => {
  it('lists all 38 provinces, summing every site of a province and its kabupaten/kota', async () => {
    const rows = await rowsOf('/api/v1/stats/regions', kominfo)
    expect(rows).toHaveLength(38)
    const jatimRow = rows.find((r) => r.region === '35')!
    // 4 + 20 + 2 + 2 answers from four sites: the province's own and three in its kabupaten/kota.
    expect(jatimRow).toMatchObject({ name: 'Jawa Timur', sites: 4, total: 28 })
    expect(rows.find((r) => r.region === '33')).toMatchObject({
      name: 'Jawa Tengah',
      sites: 1,
      total: 4,
    })
    expect(rows.find((r) => r.region === '11')).toMatchObject({
      name: 'Aceh',
      sites: 0,
      total: 0,
      ikm: null,
      sample_adequate: false,
    })
  })

  it('gives every row ranking bounds that a handful of answers cannot top', async () => {
    const rows = await rowsOf('/api/v1/stats/regions?level=province', kominfo)
    for (const r of rows) expect(r.rank_low).toBeLessThanOrEqual(r.rank_high)
    const jateng = rows.find((r) => r.region === '33')!
    // Four answers, nearly all Sangat Puas: a high IKM but a wide ranking interval.
    expect(jateng.ikm).toBeGreaterThan(90)
    expect(jateng.rank_low).toBeLessThan(75)
  })

  it('reads only the days asked for', async () => {
    const rows = await rowsOf('/api/v1/stats/regions?from=2026-10-06&to=2026-10-31', kominfo)
    expect(rows.find((r) => r.region === '35')).toMatchObject({ sites: 4, total: 0 })
  })

  it('downloads the same rows as CSV', async () => {
    const res = await get('/api/v1/stats/regions?format=csv', kominfo)
    expect(res.headers.get('Content-Type')).toContain('text/csv')
    expect(res.headers.get('Content-Disposition')).toContain('tanggapan-regions.csv')
    const lines = (await res.text()).trim().split(/\r?\n/)
    expect(lines).toHaveLength(39)
    expect(lines[0]).toMatch(/^region,name,sites,rank_low,rank_high,total,/)
    expect(lines.find((l) => l.startsWith('35,'))).toMatch(/^35,Jawa Timur,4,[\d.]+,[\d.]+,28,/)
  })
})

describe('GET /stats/regions, one province', () => {
  it('lists every kabupaten/kota, and the province itself when a site is registered to it', async () => {
    const rows = await rowsOf('/api/v1/stats/regions?level=regency&province=35', kominfo)
    expect(rows.map((r) => r.region)).toEqual(['35', ...regenciesOf('35').map((r) => r.code)])
    expect(rows.find((r) => r.region === '35.22')).toMatchObject({
      name: 'Kabupaten Bojonegoro',
      sites: 2,
      total: 22,
    })
    expect(rows.find((r) => r.region === '35.78')).toMatchObject({
      name: 'Kota Surabaya',
      sites: 1,
      total: 2,
    })
    expect(rows.find((r) => r.region === '35.01')).toMatchObject({ sites: 0, total: 0 })
    // Province= alone means the provincial view; a province without its own site has no such row.
    const jateng = await rowsOf('/api/v1/stats/regions?province=33', kominfo)
    expect(jateng.map((r) => r.region)).toEqual(regenciesOf('33').map((r) => r.code))
  })

  it('refuses a bad level or period, an unknown or non-province code, and province at level=province, 400', async () => {
    for (const query of [
      'level=kabupaten',
      'province=99',
      'province=35.22',
      'level=province&province=35',
      'period=2026-Q9',
      'from=2026-13-01',
    ]) {
      expect(await errorOf(await get(`/api/v1/stats/regions?${query}`, kominfo)), query).toEqual(
        invalid,
      )
    }
  })
})

describe('a provinsi token', () => {
  it('reads the kabupaten/kota of its own province by default, and only its own row nationally', async () => {
    const rows = await rowsOf('/api/v1/stats/regions', jatim)
    expect(rows[0]).toMatchObject({ region: '35', sites: 1, total: 4 })
    expect(rows.find((r) => r.region === '35.22')).toMatchObject({ total: 22 })
    const national = await rowsOf('/api/v1/stats/regions?level=province', jatim)
    expect(national).toMatchObject([{ region: '35', sites: 4, total: 28 }])
  })

  it('may not ask for another province’s regions, 403', async () => {
    expect(await errorOf(await get('/api/v1/stats/regions?province=33', jatim))).toEqual(outOfScope)
    expect(
      await errorOf(await get('/api/v1/stats/regions?level=regency&province=35', jateng)),
    ).toEqual(outOfScope)
  })

  it.each(['sites', 'opds', 'articles', 'timeseries', 'comments'])(
    'cannot name a site of another province on /stats/%s',
    async (endpoint) => {
      const res = await get(`/api/v1/stats/${endpoint}?site=rg-semarang`, jatim)
      expect(await errorOf(res)).toEqual(outOfScope)
    },
  )

  it.each(['sites', 'opds', 'articles', 'timeseries', 'comments'])(
    'reads a site of its province on /stats/%s',
    async (endpoint) => {
      expect((await get(`/api/v1/stats/${endpoint}?site=rg-bojonegoro`, jatim)).status).toBe(200)
    },
  )

  it('sees only the sites of its province when it names none', async () => {
    const sites = (
      await (
        await get('/api/v1/stats/sites', jatim)
      ).json<{ rows: { site: string; region: string; province: string }[] }>()
    ).rows
    expect(sites.map((s) => s.site)).toEqual([
      'rg-bojonegoro',
      'rg-bojonegoro2',
      'rg-jatim',
      'rg-surabaya',
    ])
    expect(sites.every((s) => s.province === '35')).toBe(true)
    const opds = (
      await (await get('/api/v1/stats/opds', jatim)).json<{ rows: { site: string }[] }>()
    ).rows
    expect(new Set(opds.map((o) => o.site))).toEqual(
      new Set(['rg-bojonegoro', 'rg-bojonegoro2', 'rg-jatim', 'rg-surabaya']),
    )
    const articles = (
      await (await get('/api/v1/stats/articles', jatim)).json<{ rows: { site: string }[] }>()
    ).rows
    expect(articles.map((a) => a.site).sort()).toEqual([
      'rg-bojonegoro',
      'rg-bojonegoro2',
      'rg-jatim',
      'rg-surabaya',
    ])
    const days = (
      await (
        await get('/api/v1/stats/timeseries', jatim)
      ).json<{ rows: { day: string; total: number }[] }>()
    ).rows
    expect(days).toMatchObject([{ day: '2026-10-05', total: 28 }])
    const scope = await (await get('/api/v1/stats/scope', jatim)).json<{
      token: object
      sites: { id: string }[]
    }>()
    expect(scope.token).toMatchObject({ role: 'provinsi', region: '35' })
    expect(scope.sites.map((s) => s.id)).toEqual([
      'rg-bojonegoro',
      'rg-bojonegoro2',
      'rg-jatim',
      'rg-surabaya',
    ])
  })

  it('reads the timeseries of an article of its province, not of another', async () => {
    const mine = await get(
      `/api/v1/stats/timeseries?site=rg-surabaya&article=${encodeURIComponent('https://rg-surabaya.go.id/berita/1')}`,
      jatim,
    )
    expect(mine.status).toBe(200)
    const theirs = await get(
      `/api/v1/stats/timeseries?site=rg-surabaya&article=${encodeURIComponent('https://rg-surabaya.go.id/berita/1')}`,
      jateng,
    )
    expect(await errorOf(theirs)).toEqual(outOfScope)
  })

  it('may not manage anything, nor mark comments', async () => {
    expect((await get('/api/v1/admin/sites', jatim)).status).toBe(403)
    expect((await get('/api/v1/admin/tokens', jatim)).status).toBe(403)
    expect(
      (await send('PATCH', '/api/v1/admin/comments/1', jatim, { status: 'selesai' })).status,
    ).toBe(403)
    expect((await get('/api/v1/admin/sites/rg-bojonegoro/opds/dinkes/embed', jatim)).status).toBe(
      403,
    )
  })
})

describe('GET /stats/sites?region=', () => {
  it('narrows to a province or one kabupaten/kota, and shows each site’s region', async () => {
    const rows = (
      await (await get('/api/v1/stats/sites?region=35.22', kominfo)).json<{ rows: object[] }>()
    ).rows
    expect(rows).toEqual([
      expect.objectContaining({
        site: 'rg-bojonegoro',
        region: '35.22',
        region_name: 'Kabupaten Bojonegoro',
        province: '35',
        total: 20,
      }),
      expect.objectContaining({
        site: 'rg-bojonegoro2',
        region: '35.22',
        province: '35',
        total: 2,
      }),
    ])
    const jatimRows = (
      await (await get('/api/v1/stats/sites?region=35', jatim)).json<{ rows: object[] }>()
    ).rows
    expect(jatimRows).toHaveLength(4)
  })

  it('refuses an unknown code (400) and a provinsi token asking another province (403)', async () => {
    const before = await wholeDatabase()
    expect(await errorOf(await get('/api/v1/stats/sites?region=35.99', kominfo))).toEqual(invalid)
    expect(await errorOf(await get('/api/v1/stats/sites?region=33', jatim))).toEqual(outOfScope)
    expect(await errorOf(await get('/api/v1/stats/sites?region=33.74', jatim))).toEqual(outOfScope)
    expect(await wholeDatabase()).toEqual(before)
  })

  it('narrows an opd token too: its own site only when it lies in the region asked for', async () => {
    const inside = (
      await (
        await get('/api/v1/stats/sites?region=35.22', opd)
      ).json<{ rows: { site: string }[] }>()
    ).rows
    expect(inside.map((r) => r.site)).toEqual(['rg-bojonegoro'])
    const outside = (
      await (await get('/api/v1/stats/sites?region=33', opd)).json<{ rows: object[] }>()
    ).rows
    expect(outside).toEqual([])
  })

  it('is not open to an opd token on /stats/regions', async () => {
    expect(await errorOf(await get('/api/v1/stats/regions', opd))).toEqual(outOfScope)
  })
})
