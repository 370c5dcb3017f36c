import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { PAGE_CSP } from '../../worker/pages/page-shell'
import { call, seedSite } from './client'
import { seedArticle, send, tokenFor } from './stats-fixtures'

// GET /transparansi/:site: a site's publications for anyone, from their frozen texts.

const SITE = 'terbukakab'
const HOSTILE = '<script>alert(1)</script>'

let admin: string
const ids: Record<string, string> = {}

const page = (path: string, headers: Record<string, string> = {}) =>
  call('GET', path, null, { headers })

async function publish(period: string, opd?: string) {
  const res = await send('POST', '/api/v1/admin/publications', admin, { site: SITE, opd, period })
  expect(res.status).toBe(201)
  return (await res.json<{ id: string }>()).id
}

beforeAll(async () => {
  admin = (await tokenFor('admin')).token
  await seedArticle(SITE, 'dinkes', 'https://terbukakab.go.id/berita/vaksin', `Vaksin ${HOSTILE}`, {
    '2025-05-01': [12, 1, 1, 2, 200],
    '2025-06-03': [0, 0, 4, 4, 90],
  })
  await seedArticle(SITE, 'bappeda', 'https://terbukakab.go.id/berita/musrenbang', null, {
    '2025-05-10': [0, 3, 1, 0, 40],
  })
  await env.DB.batch([
    env.DB.prepare('UPDATE sites SET name = ? WHERE id = ?').bind(`Pemkab ${HOSTILE}`, SITE),
    env.DB.prepare("UPDATE opds SET name = ? WHERE site_id = ? AND slug = 'dinkes'").bind(
      `Dinas ${HOSTILE}`,
      SITE,
    ),
  ])
  ids.may = await publish('2025-05')
  ids.mayBappeda = await publish('2025-05', 'bappeda')
  ids.june = await publish('2025-06')
})

describe('GET /transparansi/:site', () => {
  it('needs no token and lists the publications by period, newest first, with each OPD’s IKM and grade', async () => {
    const res = await page(`/transparansi/${SITE}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    const text = await res.text()
    const june = text.indexOf('Juni 2025')
    const may = text.indexOf('Mei 2025')
    expect(june).toBeGreaterThan(0)
    expect(may).toBeGreaterThan(june)
    for (const id of Object.values(ids)) {
      expect(text).toContain(`href="/laporan/${id}"`)
      expect(text).toContain(`href="/api/v1/public/publications/${id}"`)
    }
    // May, whole site: 20 responses, IKM 82,50 B; dinkes 16 → 85,94 B; bappeda 4 → 68,75 C.
    const maySite = text.slice(text.indexOf(`data-publication="${ids.may}"`))
    const rows = [...maySite.matchAll(/<tr[^>]*><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/g)]
      .slice(0, 3)
      .map((m) => [m[1], m[2].replace(/<[^>]+>/g, '|')])
    expect(rows).toEqual([
      ['Seluruh perangkat daerah', '|20||82,50||B (Baik)|'],
      ['bappeda', '|4||68,75||C (Kurang Baik)|'],
      ['Dinas &lt;script&gt;alert(1)&lt;/script&gt;', '|16||85,94||B (Baik)|'],
    ])
    expect(text).toContain('href="/api/v1/public/opendata/terbukakab.csv"')
    expect(text).toContain('href="/api/v1/public/opendata/terbukakab.json"')
  })

  it('shows hostile site and OPD names as text, under a strict CSP', async () => {
    const res = await page(`/transparansi/${SITE}`)
    expect(res.headers.get('Content-Security-Policy')).toBe(PAGE_CSP)
    expect(res.headers.get('X-Frame-Options')).toBe('DENY')
    const text = await res.text()
    expect(text).not.toContain('<script')
    expect(text).toContain('Pemkab &lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('is cacheable: an ETag from the publications, 304 while none is added, a new one after', async () => {
    const first = await page(`/transparansi/${SITE}`)
    const tag = first.headers.get('ETag')!
    expect(tag).toMatch(/^"[0-9a-f]{32}"$/)
    expect(first.headers.get('Cache-Control')).toMatch(/^public, max-age=\d+$/)
    const same = await page(`/transparansi/${SITE}`, { 'If-None-Match': tag })
    expect(same.status).toBe(304)
    expect(same.headers.get('ETag')).toBe(tag)

    await publish('2025-06', 'dinkes')
    const after = await page(`/transparansi/${SITE}`, { 'If-None-Match': tag })
    expect(after.status).toBe(200)
    expect(after.headers.get('ETag')).not.toBe(tag)
  })

  it('reads a text stored in several parts whole (a large site’s publication)', async () => {
    const text = await (await call('GET', `/api/v1/public/publications/${ids.may}`)).text()
    const id = 'pub_00000000000000aa'
    const half = Math.floor(text.length / 2)
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO publications (id, site_id, opd, period, from_day, to_day, published_at, sha256)
         VALUES (?, ?, NULL, '2024', '2024-01-01', '2024-12-31', '2025-01-02T00:00:00.000Z', ?)`,
      ).bind(id, SITE, 'a'.repeat(64)),
      env.DB.prepare(
        'INSERT INTO publication_parts (publication_id, part, text) VALUES (?, 0, ?), (?, 1, ?)',
      ).bind(id, text.slice(0, half), id, text.slice(half)),
    ])
    const page2024 = await (await page(`/transparansi/${SITE}`)).text()
    const section = page2024.slice(page2024.indexOf(`data-publication="${id}"`))
    expect(section).toMatch(
      /Seluruh perangkat daerah<\/th><td class="num">20<\/td><td class="num">82,50/,
    )
  })

  it('says so for a site without publications', async () => {
    await seedSite('sepikab', [])
    const res = await page('/transparansi/sepikab')
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Belum ada publikasi.')
  })

  it('is a 404 page for an unknown site, the name shown as text', async () => {
    for (const site of ['tidakada', encodeURIComponent(HOSTILE)]) {
      const res = await page(`/transparansi/${site}`)
      expect(res.status).toBe(404)
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
      const text = await res.text()
      expect(text).toContain('Situs tidak ditemukan')
      expect(text).not.toContain('<script')
    }
  })
})
