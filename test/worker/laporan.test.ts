import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { PAGE_CSP } from '../../worker/pages/page-shell'
import { call } from './client'
import { seedArticle, send, tokenFor } from './stats-fixtures'
import type { StatFigures } from '../../worker/domain/figures/stat-figures'
import type { PublicationDocument as Publication } from '../../worker/storage/publications'

// GET /laporan/:id: the printable report of a publication, from its frozen text only.

const SITE = 'laporankab'
const HOSTILE = '<script>alert(1)</script>'
const VAKSIN = 'https://laporankab.go.id/berita/vaksin'

let admin: string
let id: string
let json: Publication

const page = (path: string, headers: Record<string, string> = {}) =>
  call('GET', path, null, { headers })

/** The text of every `data-figure` element, by name. */
function figuresOf(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of text.matchAll(/data-figure="([^"]+)">([^<]*)</g)) out[m[1]] = m[2]
  return out
}

const id2 = (x: number, digits = 2) =>
  new Intl.NumberFormat('id-ID', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(x)

beforeAll(async () => {
  admin = (await tokenFor('admin')).token
  await seedArticle(SITE, 'dinkes', VAKSIN, `Vaksin ${HOSTILE} gratis`, {
    '2025-04-30': [1, 0, 0, 0, 3],
    '2025-05-01': [12, 1, 1, 2, 200],
    '2025-05-31': [0, 0, 0, 0, 84],
  })
  await seedArticle(SITE, 'bappeda', 'https://laporankab.go.id/berita/musrenbang', null, {
    '2025-05-10': [0, 3, 1, 0, 40],
  })
  await env.DB.batch([
    env.DB.prepare('UPDATE sites SET name = ?, region = ? WHERE id = ?').bind(
      `Pemerintah ${HOSTILE}`,
      '33.06',
      SITE,
    ),
    env.DB.prepare("UPDATE opds SET name = ? WHERE site_id = ? AND slug = 'dinkes'").bind(
      `Dinas ${HOSTILE} Kesehatan`,
      SITE,
    ),
  ])
  const res = await send('POST', '/api/v1/admin/publications', admin, {
    site: SITE,
    period: '2025-05',
  })
  expect(res.status).toBe(201)
  json = await res.json<Publication>()
  id = json.id
})

describe('GET /laporan/:id', () => {
  it('is an HTML page under a strict CSP that allows no script', async () => {
    const res = await page(`/laporan/${id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(res.headers.get('Content-Security-Policy')).toBe(PAGE_CSP)
    expect(PAGE_CSP).toContain("script-src 'none'")
    expect(PAGE_CSP).toContain("frame-ancestors 'none'")
    expect(PAGE_CSP).not.toContain('unsafe-inline')
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
    const css = await page('/laporan/style.css')
    expect(css.status).toBe(200)
    expect(css.headers.get('Content-Type')).toMatch(/^text\/css/)
    expect(await css.text()).toContain('@page{size:A4')
  })

  it('shows the publication’s own figures, its hash and a link to its JSON', async () => {
    const text = await (await page(`/laporan/${id}`)).text()
    const t = json.figures.total
    const shown = figuresOf(text)
    expect(t.total).toBe(20)
    expect(shown).toMatchObject({
      ikm: id2(t.ikm!),
      ikm_low: id2(t.ikm_low!),
      ikm_high: id2(t.ikm_high!),
      grade: `${t.grade} (Baik)`,
      total: String(t.total),
      views: String(t.views),
      response_rate: `${id2(t.response_rate! * 100)} %`,
      required_sample: String(t.required_sample),
      sample_adequate: 'Sampel belum memadai',
      'counts.sangat_puas': String(t.counts.sangat_puas),
      'percentages.tidak_puas': `${t.percentages.tidak_puas} %`,
      period: 'Mei 2025',
      sha256: json.sha256,
    })
    expect(text).toContain(`href="https://tanggapan.test/api/v1/public/publications/${id}"`)
    expect(text).toContain('Laporan Hasil Survei Kepuasan (indikatif)')
    expect(text).toContain('Kabupaten Purworejo · kode wilayah 33.06')
    // The worksheet: 4 × 12 + 3 × 4 + 2 × 2 + 1 × 2 = 66, ÷ 20 = 3,300000, × 25 = 82,5000.
    expect(text).toContain('4 × 12 + 3 × 4 + 2 × 2 + 1 × 2 = 66')
    expect(text).toContain('66 ÷ 20 = 3,300000')
    expect(text).toContain('25 × 3,300000 = 82,5000')
    expect(text).toContain(`dibulatkan ke atas <strong>${t.required_sample}</strong>`)
    // Both OPDs and both articles are listed.
    expect(text).toContain('data-opd="bappeda"')
    expect(text).toContain(`data-article="${VAKSIN}"`)
  })

  it('shows hostile names and titles as text', async () => {
    const text = await (await page(`/laporan/${id}`)).text()
    expect(text).not.toContain('<script')
    expect(text).toContain('Pemerintah &lt;script&gt;alert(1)&lt;/script&gt;')
    expect(text).toContain('Dinas &lt;script&gt;alert(1)&lt;/script&gt; Kesehatan')
    expect(text).toContain('Vaksin &lt;script&gt;alert(1)&lt;/script&gt; gratis')
  })

  it('never moves with the live tables: a later answer and a renamed OPD leave it identical', async () => {
    const before = await (await page(`/laporan/${id}`)).text()
    await env.DB.batch([
      env.DB.prepare(
        "UPDATE opd_days SET sangat_puas = sangat_puas + 50 WHERE site_id = ? AND opd = 'dinkes' AND day = '2025-05-01'",
      ).bind(SITE),
      env.DB.prepare(
        "UPDATE opds SET name = 'Dinas Baru' WHERE site_id = ? AND slug = 'dinkes'",
      ).bind(SITE),
    ])
    const live = await (
      await send('GET', `/api/v1/stats/sites?site=${SITE}&period=2025-05`, admin)
    ).json<{ rows: StatFigures[] }>()
    expect(live.rows[0].total).toBe(70)
    expect(await (await page(`/laporan/${id}`)).text()).toBe(before)
  })

  it('is cacheable: an ETag, and 304 when it is sent back', async () => {
    const res = await page(`/laporan/${id}`)
    const tag = res.headers.get('ETag')
    expect(tag).toMatch(/^"[0-9a-f]{32}-\w+"$/)
    expect(res.headers.get('Cache-Control')).toMatch(/public/)
    const again = await page(`/laporan/${id}`, { 'If-None-Match': tag! })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')
  })

  it('is a 404 page for an unknown or malformed id, with the id shown as text', async () => {
    for (const path of [
      '/laporan/pub_0000000000000000',
      '/laporan/not-an-id',
      `/laporan/${encodeURIComponent(HOSTILE)}`,
    ]) {
      const res = await page(path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
      expect(res.headers.get('Content-Security-Policy')).toBe(PAGE_CSP)
      const text = await res.text()
      expect(text).toContain('Laporan tidak ditemukan')
      expect(text).not.toContain('<script')
    }
  })

  it('leaves the API’s own headers alone', async () => {
    const res = await call('GET', `/api/v1/public/publications/${id}`)
    expect(res.headers.get('Content-Security-Policy')).not.toBe(PAGE_CSP)
    expect(res.headers.get('ETag')).toBeNull()
  })
})
