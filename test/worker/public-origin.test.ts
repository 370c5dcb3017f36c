import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../worker/app'
import { send, tokenFor } from './stats-fixtures'

// A deployed Worker answers at its custom domain and at other addresses too (workers.dev, a
// preview URL): what it hands out to be copied or harvested carries the configured domain.
const CONFIGURED = 'https://tanggapan.contohkab.go.id'
const deployed = { ...env, PUBLIC_ORIGIN: CONFIGURED }
const app = createApp()
let admin: string

function getAt(host: string, path: string, environment: typeof env) {
  const headers = { Authorization: `Bearer ${admin}`, 'CF-Connecting-IP': '10.9.8.7' }
  return app.fetch(new Request(`${host}${path}`, { headers }), environment)
}

beforeAll(async () => {
  admin = (await tokenFor('admin')).token
  expect(
    (await send('POST', '/api/v1/admin/sites', admin, { id: 'wonogiri', name: 'Wonogiri' })).status,
  ).toBe(201)
  const opd = await send('PUT', '/api/v1/admin/sites/wonogiri/opds/dinkes', admin, {
    name: 'Dinkes',
  })
  expect(opd.status).toBe(200)
})

afterEach(() => vi.restoreAllMocks())

describe('PUBLIC_ORIGIN', () => {
  const elsewhere = 'https://tanggapan-production.akun.workers.dev'

  it('is the address in the embed snippet, whichever host the admin asked', async () => {
    const res = await getAt(elsewhere, '/api/v1/admin/sites/wonogiri/opds/dinkes/embed', deployed)
    const { html } = await res.json<{ html: string }>()
    expect(html).toContain(`<script src="${CONFIGURED}/widget.js" async></script>`)
    expect(html).toContain(`${CONFIGURED}/tanggapi?site=wonogiri&opd=dinkes`)
    expect(html).not.toContain('workers.dev')
    // Left unset (npm start, wrangler dev), the request's own address.
    const local = 'http://localhost:8787'
    const here = await getAt(local, '/api/v1/admin/sites/wonogiri/opds/dinkes/embed', env)
    expect((await here.json<{ html: string }>()).html).toContain(`src="${local}/widget.js"`)
  })

  it('is the address check-embed looks for in a page, whichever host the admin asked', async () => {
    // A page embedding the snippet as handed out: its script is at the custom domain.
    const page = `<html><head><title>Berita</title></head><body>
      <div data-tanggapan data-opd="dinkes"></div>
      <script src="${CONFIGURED}/widget.js" async></script></body></html>`
    vi.spyOn(globalThis, 'fetch').mockImplementation(
      async () => new Response(page, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    )
    const res = await app.fetch(
      new Request(`${elsewhere}/api/v1/admin/check-embed`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${admin}`,
          'CF-Connecting-IP': '10.9.8.7',
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ url: 'https://wonogirikab.go.id/berita/1' }),
      }),
      deployed,
    )
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ snippet_found: true, opds: ['dinkes'] })
  })

  it('is the address of the open-data resource and landing page', async () => {
    const res = await getAt(elsewhere, '/api/v1/public/datasets/wonogiri.json', deployed)
    expect(res.status).toBe(200)
    const { result } = await res.json<{ result: { url: string; resources: { url: string }[] } }>()
    expect(result.url).toBe(`${CONFIGURED}/transparansi/wonogiri`)
    expect(result.resources[0].url).toBe(`${CONFIGURED}/api/v1/public/datasets/wonogiri.csv`)
  })
})
