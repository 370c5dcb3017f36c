import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { call, errorOf } from './client'
import { get, seedArticle, send, tokenFor } from './stats-fixtures'

// Open data (docs/contract.md §8): the CSV is built from publications only, and its metadata is CKAN's
// package_show, checked against the schema below.

/**
 * CKAN's dataset as `package_show` returns it, written down from CKAN 2.11's API guide:
 * «Making an API request» (the `help`/`success`/`result` envelope), `package_create` (a
 * dataset's fields: `name` 2–100 characters of lowercase alphanumerics, `-` and `_`; `title`,
 * `notes`, `license_id`, `url`, `version` at most 100 characters, `state`, `type`, `private`,
 * `owner_org`, `resources`, `tags`, `extras` as `{key, value}` strings, `groups`),
 * `resource_create` (a resource's `url`, `name`, `description`, `format`, `mimetype`,
 * `created`, `last_modified` as ISO dates), `tag_create` (a tag's name 2–100 alphanumerics,
 * `-`, `_` and `.`) and `organization_create` (an organization's `name` as a dataset's).
 */
const ckanName = z.string().regex(/^[a-z0-9_-]{2,100}$/)
const isoDate = z.iso.datetime({ offset: true, local: true })
const ckanResource = z.object({
  id: z.string(),
  package_id: z.string(),
  url: z.url(),
  name: z.string(),
  description: z.string(),
  format: z.string(),
  mimetype: z.string().nullable(),
  created: isoDate,
  last_modified: isoDate.nullable(),
  position: z.number().int().min(0),
  state: z.enum(['active', 'deleted']),
})
const ckanPackage = z.object({
  id: z.string(),
  name: ckanName,
  title: z.string().min(1),
  notes: z.string(),
  type: z.string(),
  state: z.enum(['active', 'deleted', 'draft']),
  private: z.boolean(),
  author: z.string().nullable(),
  author_email: z.string().nullable(),
  maintainer: z.string().nullable(),
  maintainer_email: z.string().nullable(),
  license_id: z.string(),
  license_title: z.string(),
  license_url: z.url(),
  isopen: z.boolean(),
  url: z.url(),
  version: z.string().max(100).nullable(),
  metadata_created: isoDate,
  metadata_modified: isoDate,
  owner_org: z.string(),
  organization: z.object({
    id: z.string(),
    name: ckanName,
    title: z.string(),
    type: z.literal('organization'),
    description: z.string(),
    image_url: z.string(),
    created: isoDate,
    is_organization: z.literal(true),
    approval_status: z.string(),
    state: z.enum(['active', 'deleted']),
  }),
  num_resources: z.number().int(),
  num_tags: z.number().int(),
  resources: z.array(ckanResource).min(1),
  tags: z.array(
    z.object({
      name: z.string().regex(/^[\w.-]{2,100}$/),
      display_name: z.string(),
      state: z.string(),
      vocabulary_id: z.string().nullable(),
    }),
  ),
  groups: z.array(z.object({ name: z.string() })),
  extras: z.array(z.strictObject({ key: z.string(), value: z.string() })),
})
const packageShow = z.strictObject({
  help: z.string(),
  success: z.literal(true),
  result: ckanPackage,
})

const SITE = 'bojonegoro'
const ALONE = 'tuban'
const EMPTY = 'lamongan'
const A = 'https://bojonegorokab.go.id/berita/'
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i
const HEADER =
  'kode_wilayah,nama_wilayah,periode,tahun,bulan,kode_opd,nama_opd,sangat_puas,puas,cukup_puas,' +
  'tidak_puas,jumlah_tanggapan,dilihat,ikm,mutu,sampel_memadai,id_publikasi,periode_publikasi'

let admin: string
const ids: Record<string, string> = {}

const csvOf = (site: string) => call('GET', `/api/v1/public/datasets/${site}.csv`)
const metaOf = (site: string) => call('GET', `/api/v1/public/datasets/${site}.json`)
const lines = async (res: Response) => (await res.text()).split('\r\n').filter(Boolean)
const extras = (body: z.infer<typeof packageShow>) =>
  Object.fromEntries(body.result.extras.map((e) => [e.key, e.value]))

async function publish(site: string, period: string, opd?: string) {
  const res = await send('POST', '/api/v1/admin/publications', admin, { site, opd, period })
  expect(res.status).toBe(201)
  return (await res.json<{ id: string }>()).id
}

/** Adds answers to a day directly in the roll-ups, as late flushes or new answers would. */
function addLater(site: string, opd: string, day: string) {
  return env.DB.prepare(
    `UPDATE opd_days SET tidak_puas = tidak_puas + 9, views = views + 40
     WHERE site_id = ? AND opd = ? AND day = ?`,
  )
    .bind(site, opd, day)
    .run()
}

beforeAll(async () => {
  admin = (await tokenFor('admin')).token
  await seedArticle(SITE, 'dinkes', `${A}vaksin`, 'Vaksin', {
    '2025-01-15': [4, 1, 0, 0, 30],
    '2025-03-02': [2, 2, 0, 1, 20],
    '2025-04-07': [1, 0, 0, 0, 5],
    '2025-05-09': [1, 0, 0, 0, 5],
  })
  await seedArticle(SITE, 'diskominfo', `${A}wifi`, 'Wifi', { '2025-02-10': [0, 3, 1, 0, 12] })
  await seedArticle(ALONE, 'rsud', 'https://tubankab.go.id/berita/igd', 'IGD', {
    '2025-06-20': [3, 0, 0, 0, 9],
  })
  await seedArticle(EMPTY, 'bappeda', 'https://lamongankab.go.id/x', null, {})
  await env.DB.batch([
    env.DB.prepare(
      `UPDATE sites SET name = 'Pemerintah Kabupaten Bojonegoro', region = '35.22' WHERE id = ?`,
    ).bind(SITE),
    env.DB.prepare(`UPDATE sites SET name = 'Pemerintah Kabupaten Tuban' WHERE id = ?`).bind(ALONE),
    env.DB.prepare(
      `UPDATE opds SET name = 'Dinas Komunikasi dan Informatika Kab. Bojonegoro' WHERE site_id = ? AND slug = 'diskominfo'`,
    ).bind(SITE),
    env.DB.prepare(
      `UPDATE opds SET name = 'RSUD dr. R. Koesma' WHERE site_id = ? AND slug = 'rsud'`,
    ).bind(ALONE),
  ])
  ids.q1 = await publish(SITE, '2025-Q1')
  // Late answers in March, then dinkes publishes March on its own: Q1 holds March already.
  await addLater(SITE, 'dinkes', '2025-03-02')
  ids.march = await publish(SITE, '2025-03', 'dinkes')
  ids.april = await publish(SITE, '2025-04')
  ids.tuban = await publish(ALONE, '2025-S1', 'rsud')
})

describe('GET /api/v1/public/datasets/:site.csv', () => {
  it('lists the published figures per OPD and month with the region code, from the publications', async () => {
    const res = await csvOf(SITE)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8; header=present')
    const [header, ...rows] = await lines(res)
    expect(header).toBe(HEADER)
    const region = '35.22,Kabupaten Bojonegoro'
    const diskominfo = 'diskominfo,Dinas Komunikasi dan Informatika Kab. Bojonegoro'
    expect(rows).toEqual([
      `${region},2025-01,2025,1,dinkes,,4,1,0,0,5,30,95,A,false,${ids.q1},2025-Q1`,
      `${region},2025-01,2025,1,${diskominfo},0,0,0,0,0,0,,,false,${ids.q1},2025-Q1`,
      `${region},2025-02,2025,2,dinkes,,0,0,0,0,0,0,,,false,${ids.q1},2025-Q1`,
      `${region},2025-02,2025,2,${diskominfo},0,3,1,0,4,12,68.75,C,false,${ids.q1},2025-Q1`,
      // March of dinkes as Q1 froze it, not as its own later publication (with 9 more answers).
      `${region},2025-03,2025,3,dinkes,,2,2,0,1,5,20,75,C,false,${ids.q1},2025-Q1`,
      `${region},2025-03,2025,3,${diskominfo},0,0,0,0,0,0,,,false,${ids.q1},2025-Q1`,
      `${region},2025-04,2025,4,dinkes,,1,0,0,0,1,5,100,A,false,${ids.april},2025-04`,
      `${region},2025-04,2025,4,${diskominfo},0,0,0,0,0,0,,,false,${ids.april},2025-04`,
    ])
    // May has answers but no publication: it is not open data.
    expect(rows.some((r) => r.includes('2025-05'))).toBe(false)
  })

  it('equals what the publications froze, whatever happens to the live tables later', async () => {
    const before = await (await csvOf(SITE)).text()
    await addLater(SITE, 'dinkes', '2025-01-15')
    await addLater(SITE, 'diskominfo', '2025-02-10')
    expect(await (await csvOf(SITE)).text()).toBe(before)
    const live = await (await get(`/api/v1/stats/opds?site=${SITE}&period=2025-01`, admin)).json<{
      rows: { opd: string; total: number }[]
    }>()
    expect(live.rows.find((r) => r.opd === 'dinkes')?.total).toBe(14)

    const q1 = await (await call('GET', `/api/v1/public/publications/${ids.q1}`)).json<{
      figures: { months: { month: string; opd: string; total: number; ikm: number | null }[] }
    }>()
    // Every month Q1 froze is in the CSV with those very figures (none of these cells is quoted).
    const [head, ...rows] = before
      .split('\r\n')
      .filter(Boolean)
      .map((r) => r.split(','))
    const cell = (row: string[], column: string) => row[head.indexOf(column)]
    for (const m of q1.figures.months) {
      const row = rows.find((r) => cell(r, 'periode') === m.month && cell(r, 'kode_opd') === m.opd)
      expect(row && [cell(row, 'jumlah_tanggapan'), cell(row, 'ikm')]).toEqual([
        String(m.total),
        m.ikm === null ? '' : String(m.ikm),
      ])
    }
  })

  it('carries nothing personal: counts, names and publication ids only', async () => {
    for (const site of [SITE, ALONE]) {
      const text = await (await csvOf(site)).text()
      expect(text).not.toMatch(UUID)
      expect(text).not.toContain('https://')
    }
  })

  it('is cacheable, with an ETag that answers 304 and CORS for any page', async () => {
    const res = await call('GET', `/api/v1/public/datasets/${SITE}.csv`, null, {
      origin: 'https://portal.example',
    })
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300')
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const tag = res.headers.get('ETag')
    expect(tag).toMatch(/^"/)
    const again = await call('GET', `/api/v1/public/datasets/${SITE}.csv`, null, {
      headers: { 'If-None-Match': tag! },
    })
    expect(again.status).toBe(304)
  })

  it('is also served at /api/v1/public/opendata/, byte for byte', async () => {
    for (const ext of ['csv', 'json']) {
      const a = await call('GET', `/api/v1/public/datasets/${SITE}.${ext}`)
      const b = await call('GET', `/api/v1/public/opendata/${SITE}.${ext}`)
      expect(b.status).toBe(200)
      expect(await b.text()).toBe(await a.text())
    }
  })

  it('has only its header for a site that has published nothing yet', async () => {
    const res = await csvOf(EMPTY)
    expect(res.status).toBe(200)
    expect(await lines(res)).toEqual([HEADER])
  })
})

describe('the CSV as publications accumulate', () => {
  type Part = { publication_id: string; part: number; text: string }
  const partsOf = async (site: string) =>
    (
      await env.DB.prepare(
        `SELECT t.publication_id, t.part, t.text FROM publication_parts t
         JOIN publications p ON p.id = t.publication_id WHERE p.site_id = ? ORDER BY 1, 2`,
      )
        .bind(site)
        .all<Part>()
    ).results
  const putParts = (site: string, parts: Part[]) =>
    env.DB.batch([
      env.DB.prepare(
        `DELETE FROM publication_parts WHERE publication_id IN
         (SELECT id FROM publications WHERE site_id = ?)`,
      ).bind(site),
      ...parts.map((p) =>
        env.DB.prepare(
          'INSERT INTO publication_parts (publication_id, part, text) VALUES (?, ?, ?)',
        ).bind(p.publication_id, p.part, p.text),
      ),
    ])
  /** Every month row of every site: the migration fills the table for all of them. */
  const monthRows = async () =>
    (await env.DB.prepare('SELECT * FROM publication_months ORDER BY 1, 2, 3').all()).results

  it('does not read the publications’ frozen texts (mostly article rows), only their month rows', async () => {
    const before = await (await csvOf(SITE)).text()
    const parts = await partsOf(SITE)
    expect(parts.length).toBeGreaterThan(0)
    // Every text replaced by one that is not even JSON: a CSV that read them could not answer.
    await putParts(
      SITE,
      parts.map((p) => ({ ...p, text: 'x' })),
    )
    try {
      const res = await csvOf(SITE)
      expect(res.status).toBe(200)
      expect(await res.text()).toBe(before)
    } finally {
      await putParts(SITE, parts)
    }
  })

  it('gets the month rows of publications made before them from their texts (migration)', async () => {
    const before = await (await csvOf(SITE)).text()
    const written = await monthRows()
    expect(written.length).toBeGreaterThan(0)
    const parts = await partsOf(SITE)
    // One text stored in three parts, cut anywhere, as a long text would be.
    const q1 = parts.find((p) => p.publication_id === ids.q1)!
    const third = Math.ceil(q1.text.length / 3)
    const cut = [0, 1, 2].map((i) => ({
      ...q1,
      part: i,
      text: q1.text.slice(i * third, (i + 1) * third),
    }))
    await putParts(SITE, [...parts.filter((p) => p !== q1), ...cut])
    await env.DB.prepare('DELETE FROM publication_months').run()
    expect(await lines(await csvOf(SITE))).toEqual([HEADER])

    const migration = env.TEST_MIGRATIONS.find((m) => m.name.includes('publication_months'))!
    await env.DB.prepare(migration.queries.at(-1)!).run()
    expect(await monthRows()).toEqual(written)
    expect(await (await csvOf(SITE)).text()).toBe(before)
    await putParts(SITE, parts)
  })
})

describe('GET /api/v1/public/datasets/:site.json', () => {
  it('is CKAN package_show: produsen the pemda, walidata its Diskominfo, CC-BY-4.0, the CSV as resource', async () => {
    const res = await metaOf(SITE)
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300')
    const body = packageShow.parse(await res.json())
    const p = body.result
    expect(p).toMatchObject({
      name: 'ikm-tanggapan-bojonegoro',
      license_id: 'CC-BY-4.0',
      organization: { title: 'Pemerintah Kabupaten Bojonegoro' },
      num_resources: 1,
      num_tags: p.tags.length,
    })
    expect(p.owner_org).toBe(p.organization.id)
    expect(extras(body)).toEqual({
      produsen_data: 'Pemerintah Kabupaten Bojonegoro',
      walidata: 'Dinas Komunikasi dan Informatika Kab. Bojonegoro',
      kode_wilayah: '35.22',
      nama_wilayah: 'Kabupaten Bojonegoro',
      frekuensi: 'Bulanan',
      cakupan: 'Kabupaten/Kota (Kabupaten Bojonegoro)',
      periode_awal: '2025-01',
      periode_akhir: '2025-04',
      satuan: expect.any(String),
      jumlah_publikasi: '3',
    })
    // The resource is the CSV, reachable at its URL.
    const csv = p.resources[0]
    expect(csv).toMatchObject({ format: 'CSV', mimetype: 'text/csv' })
    const url = new URL(csv.url)
    expect(url.pathname).toBe(`/api/v1/public/datasets/${SITE}.csv`)
    const fetched = await call('GET', url.pathname)
    expect((await lines(fetched))[0]).toBe(HEADER)
    expect(p.metadata_modified >= p.metadata_created).toBe(true)
  })

  it('names the OPD as produsen when one OPD alone has published, and derives the walidata', async () => {
    const body = packageShow.parse(await (await metaOf(ALONE)).json())
    expect(extras(body)).toMatchObject({
      produsen_data: 'RSUD dr. R. Koesma',
      walidata: 'Dinas Komunikasi dan Informatika Kabupaten Tuban',
      kode_wilayah: '',
      frekuensi: 'Semesteran',
      periode_awal: '2025-01',
      periode_akhir: '2025-06',
    })
    expect(body.result.organization.title).toBe('RSUD dr. R. Koesma')
    const rows = (await lines(await csvOf(ALONE))).slice(1)
    expect(rows).toHaveLength(6)
    expect(rows[5]).toBe(
      `,,2025-06,2025,6,rsud,RSUD dr. R. Koesma,3,0,0,0,3,9,100,A,false,${ids.tuban},2025-S1`,
    )
  })

  it('still validates for a site without publications', async () => {
    const body = packageShow.parse(await (await metaOf(EMPTY)).json())
    expect(extras(body)).toMatchObject({ frekuensi: 'Belum ada publikasi', jumlah_publikasi: '0' })
    expect(JSON.stringify(body)).not.toMatch(UUID)
  })
})

describe('refusals', () => {
  it('answers an unknown site 404 unknown_site, a malformed one 400, another extension 404', async () => {
    for (const [path, status, code] of [
      ['/api/v1/public/datasets/atlantis.csv', 404, 'unknown_site'],
      ['/api/v1/public/datasets/atlantis.json', 404, 'unknown_site'],
      ['/api/v1/public/opendata/atlantis.csv', 404, 'unknown_site'],
      ['/api/v1/public/datasets/Not_A_Site.csv', 400, 'invalid_request'],
      [`/api/v1/public/datasets/${SITE}.xml`, 404, 'not_found'],
      [`/api/v1/public/datasets/${SITE}`, 404, 'not_found'],
    ] as const) {
      expect({ path, ...(await errorOf(await call('GET', path))) }).toMatchObject({
        path,
        status,
        code,
      })
    }
  })
})
