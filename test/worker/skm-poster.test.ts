import { env } from 'cloudflare:workers'
import qrcode from 'qrcode-generator'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../worker/app'
import { BASE, call, seedSite } from './client'
import { send, tokenFor } from './stats-fixtures'

// The counter's QR code and A5 poster for an SKM service (docs/contract.md §14; docs/skm.md
// «Kode QR dan poster»): the code encodes the survey page's address on the public origin, the
// poster names the service escaped and writes the address out, an unknown or retired service
// has none.

const SITE = 'kebumen'
const NAME = 'Izin <b>Usaha</b> & "UMKM"'
const ADDRESS = `${BASE}/skm/${SITE}/izin-usaha`

/** What qrcode-generator draws for `address` with error correction M and a 4-module margin. */
function expectedSvg(address: string) {
  const code = qrcode(0, 'M')
  code.addData(address, 'Byte')
  code.make()
  return code.createSvgTag({ cellSize: 8, margin: 32 })
}

beforeAll(async () => {
  await seedSite(SITE, ['https://kebumenkab.go.id'])
  const admin = (await tokenFor('admin')).token
  const base = `/api/v1/admin/sites/${SITE}/opds/dpmptsp`
  expect((await send('PUT', base, admin, { name: 'DPMPTSP <Kebumen>' })).status).toBe(200)
  expect((await send('PUT', `${base}/services/izin-usaha`, admin, { name: NAME })).status).toBe(200)
  expect((await send('PUT', `${base}/services/lama`, admin, { name: 'Lama' })).status).toBe(200)
  expect((await send('DELETE', `${base}/services/lama`, admin)).status).toBe(200)
})

describe('GET /skm/:site/:service/qr.svg', () => {
  it('is qrcode-generator’s SVG of the survey page’s address', async () => {
    const res = await call('GET', `/skm/${SITE}/izin-usaha/qr.svg`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('image/svg+xml; charset=utf-8')
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=86400')
    const svg = await res.text()
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    expect(svg).toMatch(/<\/svg>$/)
    expect(svg).toBe(expectedSvg(ADDRESS))
    // The survey page the code leads to is there.
    expect((await call('GET', `/skm/${SITE}/izin-usaha`)).status).toBe(200)
  })

  it('encodes the configured public origin, whichever host was asked', async () => {
    const configured = 'https://tanggapan.contohkab.go.id'
    const res = await createApp().fetch(
      new Request(`https://tanggapan.akun.workers.dev/skm/${SITE}/izin-usaha/qr.svg`, {
        headers: { 'CF-Connecting-IP': '10.9.8.6' },
      }),
      { ...env, PUBLIC_ORIGIN: configured },
    )
    expect(res.status).toBe(200)
    expect(await res.text()).toBe(expectedSvg(`${configured}/skm/${SITE}/izin-usaha`))
  })
})

describe('GET /skm/:site/:service/poster', () => {
  it('names the service escaped, carries the code and writes the address out', async () => {
    const res = await call('GET', `/skm/${SITE}/izin-usaha/poster`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(res.headers.get('Cache-Control')).toBe('no-cache')
    const csp = res.headers.get('Content-Security-Policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'none'")
    expect(csp).not.toContain('unsafe')
    const page = await res.text()
    expect(page).not.toContain('<script')
    expect(page).toContain('<h1>Izin &lt;b&gt;Usaha&lt;/b&gt; &amp; &quot;UMKM&quot;</h1>')
    expect(page).not.toContain('<b>Usaha')
    expect(page).toContain('<p class="opd">DPMPTSP &lt;Kebumen&gt;</p>')
    expect(page).toContain('<p class="site">Pemda kebumen</p>')
    expect(page).toContain('isi survei kepuasan, 2 menit, tanpa nama.')
    expect(page).toContain('lang="en"')
    // Written out as people type it, and the one the code encodes.
    expect(page).toContain('<p class="address">tanggapan.test/skm/kebumen/izin-usaha</p>')
    const qr = /<img class="qr" src="data:image\/svg\+xml;base64,([^"]+)"/.exec(page)?.[1]
    expect(qr && atob(qr)).toBe(expectedSvg(ADDRESS))
  })

  it('is one A5 sheet in its own stylesheet', async () => {
    const page = await (await call('GET', `/skm/${SITE}/izin-usaha/poster`)).text()
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page)?.[1] ?? ''
    const css = await call('GET', href)
    expect(css.status).toBe(200)
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8')
    expect(await css.text()).toContain('@page{size:A5;')
  })
})

describe('an unknown or retired service', () => {
  it('has neither code nor poster: the survey’s 404 page', async () => {
    for (const path of [
      `/skm/${SITE}/lama/qr.svg`,
      `/skm/${SITE}/lama/poster`,
      `/skm/${SITE}/tidak-ada/qr.svg`,
      `/skm/${SITE}/tidak-ada/poster`,
      '/skm/tidak-ada/izin-usaha/poster',
    ]) {
      const res = await call('GET', path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
      expect(res.headers.get('Cache-Control')).toBe('no-cache')
      expect(await res.text()).toContain('<h1>Survei tidak ditemukan</h1>')
    }
  })
})
