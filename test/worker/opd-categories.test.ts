import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { OPD_CATEGORIES, suggestCategory } from '../../worker/domain/regions/opd-categories'
import { OPD_NAMES } from '../opd-names'
import { answer, call, seedSite, unchanged } from './client'
import { expectRefusals, get, seedArticle, send, tokenFor } from './stats-fixtures'

// OPD categories (docs/contract.md §13): the list, the category a new OPD is given, who may change it,
// and the statistics of one kind of OPD across the sites of a region.

const ADMIN_SITES = '/api/v1/admin/sites'
const MARCH = '2026-03-10'
const FEBRUARY = '2026-02-10'

// Three pemda of Jawa Timur (the province's own site among them) and one of Jawa Tengah.
const SITES = [
  { id: 'kat-bojonegoro', region: '35.22' },
  { id: 'kat-tuban', region: '35.23' },
  { id: 'kat-jatim', region: '35' },
  { id: 'kat-kudus', region: '33.19' },
] as const

// [sangat_puas, puas, cukup_puas, tidak_puas, views] in March: Tuban's Dinkes is the least
// satisfied Dinas Kesehatan of Jawa Timur; Kudus's is worse still but in another province, and
// every Diskominfo is worse than all of them but of another kind.
const DINKES: Record<string, [number, number, number, number, number]> = {
  'kat-bojonegoro': [30, 10, 5, 5, 200],
  'kat-tuban': [2, 3, 10, 25, 200],
  'kat-jatim': [20, 20, 5, 5, 200],
  'kat-kudus': [0, 0, 2, 40, 200],
}

let admin: string
let kominfo: string

beforeAll(async () => {
  admin = (await tokenFor('admin')).token
  kominfo = (await tokenFor('kominfo')).token
  for (const site of SITES) {
    const made = await send('POST', ADMIN_SITES, admin, {
      id: site.id,
      name: `Pemda ${site.id}`,
      origins: [`https://${site.id}.go.id`],
      region: site.region,
    })
    expect(made.status).toBe(201)
    for (const [slug, name] of [
      ['dinkes', 'Dinas Kesehatan'],
      ['diskominfo', 'Dinas Komunikasi dan Informatika'],
    ]) {
      expect(
        (await send('PUT', `${ADMIN_SITES}/${site.id}/opds/${slug}`, admin, { name })).status,
      ).toBe(200)
    }
    await seedArticle(site.id, 'dinkes', `https://${site.id}.go.id/berita/rs`, 'RS', {
      [MARCH]: DINKES[site.id],
    })
    await seedArticle(site.id, 'diskominfo', `https://${site.id}.go.id/berita/wifi`, 'Wifi', {
      [MARCH]: [0, 0, 0, 60, 200],
    })
  }
  // Tuban's Dinkes was well thought of in February: its change is a fall.
  await seedArticle('kat-tuban', 'dinkes', 'https://kat-tuban.go.id/berita/lama', 'Lama', {
    [FEBRUARY]: [25, 5, 0, 0, 100],
  })
})

type OpdRow = {
  site: string
  opd: string
  category: string
  region: string
  region_name: string
  total: number
  rank_low: number
  ikm_prev: number | null
  ikm_change: number | null
}

async function opdRows(query: string, token = kominfo) {
  const res = await get(`/api/v1/stats/opds?${query}`, token)
  expect(res.status, await res.clone().text()).toBe(200)
  return (await res.json<{ rows: OpdRow[] }>()).rows
}

describe('GET /api/v1/categories', () => {
  it('lists every key with its Indonesian label, to any page, without a token', async () => {
    const res = await call('GET', '/api/v1/categories', null, { origin: 'https://example.org' })
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const { categories } = await res.json<{ categories: { key: string; label: string }[] }>()
    expect(categories).toEqual(OPD_CATEGORIES)
    expect(categories).toContainEqual({
      key: 'kependudukan',
      label: 'Kependudukan dan Pencatatan Sipil (Dukcapil)',
    })
  })
})

describe('an OPD’s category', () => {
  it('is suggested from the name an admin gives a new OPD, and kept when it is renamed', async () => {
    const path = `${ADMIN_SITES}/kat-bojonegoro/opds/capil`
    const made = await send('PUT', path, admin, { name: 'Dinas Kependudukan dan Pencatatan Sipil' })
    expect(await made.json()).toMatchObject({ slug: 'capil', category: 'kependudukan' })
    const renamed = await send('PUT', path, admin, { name: 'Disdukcapil Bojonegoro' })
    expect(await renamed.json()).toMatchObject({ category: 'kependudukan' })
  })

  it('is suggested from the slug of an OPD a widget uses first, and shown wherever OPDs are listed', async () => {
    const origin = 'https://kat-bojonegoro.go.id'
    const res = await answer(origin, { opd: 'rsud-sosodoro', rating: 4 })
    expect(res.status).toBe(200)
    const site = await (await get(`${ADMIN_SITES}/kat-bojonegoro`, admin)).json<{
      opds: { slug: string; category: string }[]
    }>()
    expect(site.opds).toContainEqual({ slug: 'rsud-sosodoro', name: null, category: 'rumah-sakit' })
    const scope = await (await get('/api/v1/stats/scope', admin)).json<{
      sites: { id: string; opds: { slug: string; category: string }[] }[]
    }>()
    const listed = scope.sites.find((s) => s.id === 'kat-bojonegoro')!.opds
    expect(listed).toContainEqual(
      expect.objectContaining({ slug: 'dinkes', category: 'kesehatan' }),
    )
  })

  it('is changed by an admin, or by the OPD’s own token, and by no one else', async () => {
    const path = `${ADMIN_SITES}/kat-tuban/opds/diskominfo`
    const changed = await send('PATCH', path, admin, { category: 'lainnya' })
    expect(changed.status).toBe(200)
    expect(await changed.json()).toEqual({
      site: 'kat-tuban',
      slug: 'diskominfo',
      name: 'Dinas Komunikasi dan Informatika',
      category: 'lainnya',
    })
    const own = (await tokenFor('opd', 'kat-tuban', 'diskominfo')).token
    const back = await send('PATCH', path, own, { category: 'kominfo' })
    expect(back.status).toBe(200)
    expect(await back.json()).toMatchObject({ category: 'kominfo' })

    const otherOpd = (await tokenFor('opd', 'kat-tuban', 'dinkes')).token
    const otherSite = (await tokenFor('opd', 'kat-bojonegoro', null)).token
    await expectRefusals(admin, [
      ['PATCH', path, { category: 'kesehatan' }, 403, 'forbidden', otherOpd],
      ['PATCH', path, { category: 'kesehatan' }, 403, 'forbidden', otherSite],
      ['PATCH', path, { category: 'kesehatan' }, 403, 'forbidden', kominfo],
      ['PATCH', path, { category: 'dinas-kesehatan' }, 400, 'invalid_request'],
      ['PATCH', path, { category: 'kesehatan', name: 'X' }, 400, 'invalid_request'],
      ['PATCH', path, {}, 400, 'invalid_request'],
      [
        'PATCH',
        `${ADMIN_SITES}/kat-tuban/opds/dishub`,
        { category: 'perhubungan' },
        404,
        'unknown_opd',
      ],
      [
        'PATCH',
        `${ADMIN_SITES}/kat-nowhere/opds/dishub`,
        { category: 'perhubungan' },
        404,
        'unknown_site',
      ],
    ])
  })
})

describe('GET /api/v1/stats/opds?region=&category=', () => {
  it('ranks every Dinas Kesehatan of a province across its sites by the lower bound', async () => {
    const lowest = await opdRows('region=35&category=kesehatan&sort=lowest&period=2026-03')
    expect(lowest.map((r) => r.site)).toEqual(['kat-tuban', 'kat-jatim', 'kat-bojonegoro'])
    expect(lowest.map((r) => r.rank_low)).toEqual(
      [...lowest.map((r) => r.rank_low)].sort((a, b) => a - b),
    )
    expect(lowest[0]).toMatchObject({
      site: 'kat-tuban',
      opd: 'dinkes',
      category: 'kesehatan',
      region: '35.23',
      region_name: 'Kabupaten Tuban',
    })
    // Tuban's fall since February, as every compared row carries.
    expect(lowest[0].ikm_prev).not.toBeNull()
    expect(lowest[0].ikm_change).toBeLessThan(0)
    const highest = await opdRows('region=35&category=kesehatan&sort=highest&period=2026-03')
    expect(highest.map((r) => r.site)).toEqual(['kat-bojonegoro', 'kat-jatim', 'kat-tuban'])
  })

  it('narrows to one kabupaten/kota, and to its own province for a provinsi token', async () => {
    const one = await opdRows('region=35.23&category=kesehatan')
    expect(one.map((r) => `${r.site} ${r.opd}`)).toEqual(['kat-tuban dinkes'])
    const jatim = (await tokenFor('provinsi', null, null, '35')).token
    const own = await opdRows('category=kesehatan&sort=lowest', jatim)
    expect(own.map((r) => r.site)).toEqual(['kat-tuban', 'kat-jatim', 'kat-bojonegoro'])
    // Without a category, every kind of the region; Kudus is never among them.
    const all = await opdRows('region=35', kominfo)
    expect(new Set(all.map((r) => r.category))).toEqual(
      new Set(['kesehatan', 'kominfo', 'kependudukan', 'rumah-sakit']),
    )
    expect(all.some((r) => r.site === 'kat-kudus')).toBe(false)
  })

  it('gives the same rows, in the same order, as CSV', async () => {
    const res = await get(
      '/api/v1/stats/opds?region=35&category=kesehatan&sort=lowest&period=2026-03&format=csv',
      kominfo,
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Disposition')).toContain('tanggapan-opds-35-kesehatan')
    const [header, ...lines] = (await res.text()).trim().split('\r\n')
    expect(header).toMatch(/^site,opd,name,category,region,region_name,rank_low,rank_high,total,/)
    expect(header).toContain(',ikm_prev,ikm_change,')
    expect(lines.map((l) => l.split(',').slice(0, 5))).toEqual([
      ['kat-tuban', 'dinkes', 'Dinas Kesehatan', 'kesehatan', '35.23'],
      ['kat-jatim', 'dinkes', 'Dinas Kesehatan', 'kesehatan', '35'],
      ['kat-bojonegoro', 'dinkes', 'Dinas Kesehatan', 'kesehatan', '35.22'],
    ])
  })

  it('refuses another province’s region, an unknown category or region, and changes nothing', async () => {
    const jateng = (await tokenFor('provinsi', null, null, '33')).token
    const q = '/api/v1/stats/opds?'
    await expectRefusals(kominfo, [
      ['GET', `${q}region=35&category=kesehatan`, undefined, 403, 'out_of_scope', jateng],
      ['GET', `${q}region=35&category=dinkes`, undefined, 400, 'invalid_request'],
      ['GET', `${q}region=99`, undefined, 400, 'invalid_request'],
      ['GET', `${q}region=35.999`, undefined, 400, 'invalid_request'],
      ['GET', `${q}region=jatim`, undefined, 400, 'invalid_request'],
      ['GET', `${q}category=kesehatan&sort=worst`, undefined, 400, 'invalid_request'],
    ])
  })
})

describe('migration 0017, the SQL image of suggestCategory', () => {
  it('files the OPDs it finds as suggestCategory would', async () => {
    const site = 'kat-migrasi'
    await seedSite(site, [])
    const extra: [string | null, string][] = [
      ['  DINAS   Kesehatan ', 'x'],
      ['Dinas Komunikasi & Informatika (Diskominfo)', 'x'],
      ['Layanan KBB', 'layanan'],
      ['', 'dinsos'],
    ]
    const cases = [...OPD_NAMES.map(([name, slug]) => [name, slug] as const), ...extra].map(
      ([name, slug], i) => ({ name, slug: `${slug}-${i}` }),
    )
    await env.DB.batch(
      cases.map((c) =>
        env.DB.prepare(
          'INSERT INTO opds (site_id, slug, name, created_at) VALUES (?, ?, ?, 0)',
        ).bind(site, c.slug, c.name),
      ),
    )
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes('opd_categories'))!
    const update = migration.queries.find((q) => q.includes('UPDATE opds'))!
    await env.DB.prepare(update).run()
    const { results } = await env.DB.prepare(
      'SELECT slug, name, category FROM opds WHERE site_id = ? ORDER BY slug',
    )
      .bind(site)
      .all<{ slug: string; name: string | null; category: string }>()
    expect(results).toHaveLength(cases.length)
    expect(results).toEqual(
      results.map((r) => ({ ...r, category: suggestCategory(r.name, r.slug) })),
    )
  })

  it('leaves an OPD already filed under a category as it is', async () => {
    const path = `${ADMIN_SITES}/kat-jatim/opds/diskominfo`
    expect((await send('PATCH', path, admin, { category: 'perencanaan' })).status).toBe(200)
    await unchanged(async () => {
      const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes('opd_categories'))!
      const update = migration.queries.find((q) => q.includes('UPDATE opds'))!
      await env.DB.prepare(update).run()
    })
  })
})
