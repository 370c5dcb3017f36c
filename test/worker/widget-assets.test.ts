import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  SURVEY_EMBED_NAME,
  WIDGET_CHUNK_NAME,
  WIDGET_COUNT_NAME,
} from '../../worker/generated/widget-assets'
import { BASE, call, errorOf, seedSite } from './client'

// How the Worker serves the widget and the demo page (caching, CORS, CSP).

describe('GET /widget.js', () => {
  it('is short-cached JavaScript, revalidated by ETag', async () => {
    const res = await call('GET', '/widget.js')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('Cache-Control')).toMatch(/max-age=300\b/)
    const body = await res.text()
    expect(body).toContain(WIDGET_CHUNK_NAME)
    const again = await call('GET', '/widget.js', null, {
      headers: { 'If-None-Match': res.headers.get('ETag')! },
    })
    expect(again.status).toBe(304)
  })
})

describe('GET /widget/<chunk>', () => {
  it('serves the versioned chunk for a year, to module imports from any origin', async () => {
    const res = await call('GET', `/widget/${WIDGET_CHUNK_NAME}`, null, {
      origin: 'https://kudus.go.id',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(await res.text()).toContain('export')
  })

  it('sends a loader cached from an older deploy on to the current chunk, uncached', async () => {
    const res = await exports.default.fetch(
      new Request(`${BASE}/widget/app-000000000000.js`, { redirect: 'manual' }),
    )
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`/widget/${WIDGET_CHUNK_NAME}`)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
  })

  it('serves the listing pages’ count chunk the loader names, and sends an old name on', async () => {
    const loader = await (await call('GET', '/widget.js')).text()
    expect(loader).toContain(WIDGET_COUNT_NAME)
    const res = await call('GET', `/widget/${WIDGET_COUNT_NAME}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    expect(await res.text()).toContain('summaries?')
    const old = await exports.default.fetch(
      new Request(`${BASE}/widget/count-00000000.js`, { redirect: 'manual' }),
    )
    expect(old.status).toBe(302)
    expect(old.headers.get('Location')).toBe(`/widget/${WIDGET_COUNT_NAME}`)
  })

  it('serves the SKM survey chunk for OPD pages the loader names, to any origin, and sends an old name on', async () => {
    const loader = await (await call('GET', '/widget.js')).text()
    expect(loader).toContain(SURVEY_EMBED_NAME)
    const res = await call('GET', `/widget/${SURVEY_EMBED_NAME}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(await res.text()).toContain('skm/responses')
    const old = await exports.default.fetch(
      new Request(`${BASE}/widget/embed-00000000.js`, { redirect: 'manual' }),
    )
    expect(old.status).toBe(302)
    expect(old.headers.get('Location')).toBe(`/widget/${SURVEY_EMBED_NAME}`)
  })

  it('answers 404 in the contract’s error shape for anything else', async () => {
    const res = await call('GET', '/widget/../../etc/passwd.js')
    expect(res.status).toBe(404)
    const other = await call('GET', '/widget/app.js')
    expect(await errorOf(other)).toMatchObject({ status: 404, code: 'not_found' })
  })
})

describe('GET /demo', () => {
  it('is an Indonesian news article that embeds the widget from this very Worker, under a strict CSP', async () => {
    const res = await call('GET', '/demo')
    expect(res.status).toBe(200)
    const csp = res.headers.get('Content-Security-Policy')!
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("style-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    const page = await res.text()
    expect(page).toContain('<html lang="id">')
    expect(page).toContain(`<script src="${BASE}/widget.js" async></script>`)
    expect(page).toMatch(
      /<div data-tanggapan data-opd="diskominfo" data-article="https:\/\/contohkab\.go\.id\/berita\/wifi-gratis-di-50-taman-kota"/,
    )
    // No inline style or script for the CSP to refuse.
    expect(page).not.toMatch(/<style|\sstyle="|<script>/)
  })

  it('serves its own stylesheet and icon', async () => {
    expect((await call('GET', '/demo/style.css')).headers.get('Content-Type')).toMatch(/^text\/css/)
    expect((await call('GET', '/demo/favicon.svg')).status).toBe(200)
  })
})

describe('a same-origin page asking for a summary', () => {
  it('is known by Sec-Fetch-Site, since browsers send no Origin on a same-origin GET', async () => {
    await seedSite('layanan', [BASE])
    const q = new URLSearchParams({ article: 'https://layanan.test/berita/1' })
    const res = await call('GET', `/api/v1/summary?${q}`, null, {
      headers: { 'Sec-Fetch-Site': 'same-origin' },
    })
    expect(res.status).toBe(200)
    expect((await res.json<{ site: string }>()).site).toBe('layanan')
    const crossSite = await call('GET', `/api/v1/summary?${q}`, null, {
      headers: { 'Sec-Fetch-Site': 'cross-site' },
    })
    expect(crossSite.status).toBe(400)
  })
})
