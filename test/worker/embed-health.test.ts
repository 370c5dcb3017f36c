import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../worker/app'
import { addDays, jakartaDay } from '../../worker/domain/calendar/days'
import { ANSWERS } from '../../worker/api/schemas'
import { answer, BASE, call, errorOf, seedSite, settle, unchanged, view } from './client'
import { get, seedArticle, send, tokenFor } from './stats-fixtures'

// Embed health (docs/contract.md §10, docs/embedding.md «Embed health», «Checking an embed»): the widget's error
// beacon, GET /stats/health and POST /admin/check-embed against pages served on loopback.

const SITE = 'blora'
const ORIGIN = 'https://blorakab.go.id'
const OTHER = 'rembang'

let admin: string
let opdToken: string
let otherToken: string

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  await seedSite(OTHER, ['https://rembangkab.go.id'])
  admin = (await tokenFor('admin')).token
  opdToken = (await tokenFor('opd', SITE, 'dinkes')).token
  otherToken = (await tokenFor('opd', OTHER)).token
})

afterEach(() => vi.restoreAllMocks())

function beacon(body: unknown, origin: string | null = ORIGIN, address?: string) {
  return call('POST', '/api/v1/widget-errors', JSON.stringify(body), {
    origin,
    contentType: 'text/plain;charset=UTF-8',
    address,
  })
}

interface HealthRow {
  site: string
  opd: string | null
  last_view_at: string | null
  last_response_at: string | null
  views_24h: number
  responses_24h: number
  widget_errors_24h: number
  widget_errors_by_code: Record<string, number>
  silent: boolean
}

async function health(token: string, query = `site=${SITE}`) {
  const res = await get(`/api/v1/stats/health?${query}`, token)
  expect(res.status).toBe(200)
  return res.json<{ from: string; to: string; rows: HealthRow[] }>()
}

describe('the widget’s error beacon', () => {
  it('counts a code per site, OPD and day, and nothing else of the request', async () => {
    await view(ORIGIN, { opd: 'dinkes' })
    expect((await beacon({ code: 'api', opd: 'dinkes' })).status).toBe(204)
    expect((await beacon({ code: 'api', opd: 'dinkes' })).status).toBe(204)
    expect((await beacon({ code: 'chunk', opd: 'dinkes' })).status).toBe(204)
    // No OPD (a container without data-opd), or one the site does not have: the site's own row.
    expect((await beacon({ code: 'config' })).status).toBe(204)
    expect((await beacon({ code: 'api', opd: 'made-up' })).status).toBe(204)
    const { results } = await env.DB.prepare(
      'SELECT * FROM widget_error_days WHERE site_id = ? ORDER BY opd, code',
    )
      .bind(SITE)
      .all()
    const day = jakartaDay(Date.now())
    expect(results).toEqual([
      { site_id: SITE, opd: '', day, code: 'api', count: 1 },
      { site_id: SITE, opd: '', day, code: 'config', count: 1 },
      { site_id: SITE, opd: 'dinkes', day, code: 'api', count: 2 },
      { site_id: SITE, opd: 'dinkes', day, code: 'chunk', count: 1 },
    ])
  })

  it('refuses unknown codes, unregistered origins and unknown sites, changing nothing', async () => {
    await unchanged(async () => {
      for (const [body, origin, status, code] of [
        [{ code: 'oops', opd: 'dinkes' }, ORIGIN, 400, 'invalid_request'],
        [{ opd: 'dinkes' }, ORIGIN, 400, 'invalid_request'],
        [{ code: 'api', reader: 'x' }, ORIGIN, 400, 'invalid_request'],
        [{ code: 'api' }, 'https://evil.example', 403, 'origin_not_allowed'],
        [{ code: 'api', site: 'nowhere' }, null, 404, 'unknown_site'],
        [{ code: 'api' }, null, 400, 'site_required'],
      ] as const) {
        const res = await beacon(body, origin)
        expect(await errorOf(res), JSON.stringify(body)).toMatchObject({ status, code })
      }
    })
  })

  it('counts at most 30 a day from one network for one site', async () => {
    const address = '203.0.113.9'
    for (let i = 0; i < 30; i++) {
      expect((await beacon({ code: 'chunk', opd: 'dishub' }, ORIGIN, address)).status).toBe(204)
    }
    const refused = await beacon({ code: 'chunk', opd: 'dishub' }, ORIGIN, address)
    expect(await errorOf(refused)).toMatchObject({ status: 429, code: 'rate_limited' })
    const n = await env.DB.prepare(
      "SELECT sum(count) AS n FROM widget_error_days WHERE site_id = ? AND code = 'chunk' AND opd = ''",
    )
      .bind(SITE)
      .first('n')
    expect(n).toBe(30)
  })
})

describe('GET /stats/health', () => {
  it('shows the last view and answer, the 24 h figures and the errors per site and OPD', async () => {
    const before = Date.now()
    await view(ORIGIN, { opd: 'dinkes' })
    await answer(ORIGIN, { opd: 'dinkes', rating: 3 })
    const body = await health(admin)
    expect(body.to).toBe(jakartaDay(Date.now()))
    const dinkes = body.rows.find((r) => r.opd === 'dinkes')!
    expect(Date.parse(dinkes.last_view_at!)).toBeGreaterThanOrEqual(before - 1000)
    expect(Date.parse(dinkes.last_response_at!)).toBeGreaterThanOrEqual(before)
    expect(dinkes).toMatchObject({
      views_24h: 2,
      responses_24h: 1,
      widget_errors_24h: 3,
      widget_errors_by_code: { api: 2, chunk: 1, config: 0 },
      silent: false,
    })
    // The site row sums its OPDs and counts the beacons that named none.
    const site = body.rows[0]
    expect(site).toMatchObject({ site: SITE, opd: null, last_view_at: dinkes.last_view_at })
    expect(site.widget_errors_by_code).toEqual({ api: 3, chunk: 31, config: 1 })
  })

  it('marks an OPD silent after 24 h without a view, from rows that carry no times', async () => {
    const today = jakartaDay(Date.now())
    await seedArticle(SITE, 'bappeda', `${ORIGIN}/berita/lama`, null, {
      [addDays(today, -3)]: [1, 0, 0, 0, 40],
    })
    const row = (await health(admin)).rows.find((r) => r.opd === 'bappeda')!
    // The end of that Jakarta day: 17:00 UTC, the last moment it could have been counted.
    const end = new Date(Date.parse(`${addDays(today, -3)}T17:00:00Z`) - 1).toISOString()
    expect(row).toMatchObject({
      last_view_at: end,
      last_response_at: end,
      views_24h: 0,
      silent: true,
    })
  })

  it('keeps the later last view when one OPD is merged into another', async () => {
    // On the object path the times are the flushes' (one flush interval late at most): the
    // two views fall in different flushes, as views minutes apart would.
    await view(ORIGIN, { opd: 'humas' })
    await settle()
    await new Promise((r) => setTimeout(r, 5))
    await view(ORIGIN, { opd: 'humas-lama' })
    const lastOf = async (opd: string) =>
      (await health(admin)).rows.find((r) => r.opd === opd)?.last_view_at
    const later = await lastOf('humas-lama')
    expect(later! > (await lastOf('humas'))!).toBe(true)
    const merged = await send('POST', `/api/v1/admin/sites/${SITE}/opds/humas-lama/merge`, admin, {
      into: 'humas',
    })
    expect(merged.status).toBe(200)
    expect(await lastOf('humas')).toBe(later)
  })

  it('keeps to the token’s scope, and answers CSV', async () => {
    const own = await health(opdToken, '')
    expect(own.rows.map((r) => r.opd)).toEqual([null, 'dinkes'])
    // Narrowed to one OPD, the site row is that OPD's and leaves out the unnamed beacons.
    expect(own.rows[0].widget_errors_24h).toBe(3)
    const refused = await get(`/api/v1/stats/health?site=${SITE}`, otherToken)
    expect(await errorOf(refused)).toMatchObject({ status: 403, code: 'out_of_scope' })
    const missing = await get('/api/v1/stats/health?site=nowhere', admin)
    expect(await errorOf(missing)).toMatchObject({ status: 404, code: 'unknown_site' })
    const csv = await get(`/api/v1/stats/health?site=${SITE}&format=csv`, admin)
    expect(csv.headers.get('Content-Type')).toMatch(/^text\/csv/)
    const [header] = (await csv.text()).split('\r\n')
    expect(header).toBe(
      'site,opd,name,last_view_at,last_response_at,views_24h,responses_24h,widget_errors_24h,errors_chunk,errors_api,errors_config,silent',
    )
  })
})

describe('POST /admin/check-embed', () => {
  const SNIPPET =
    `<div data-tanggapan data-opd="dinkes"></div>` +
    `<div data-tanggapan data-opd="dishub"></div><script src="${BASE}/widget.js" async></script>`
  const PAGES: Record<string, { html: string; headers?: Record<string, string>; status?: number }> =
    {
      '/good': {
        html: `<html><head><title>Ignored</title><meta property="og:title" content="Vaksin &amp; &lt;b&gt;">
          <link rel="canonical" href="/berita/vaksin"></head><body>${SNIPPET}</body></html>`,
        headers: {
          'Content-Security-Policy': `default-src 'self'; script-src 'self' ${BASE}; connect-src ${BASE}`,
        },
      },
      '/bare': {
        html: '<html><head><title>Tanpa widget</title></head><body><p>x</p></body></html>',
      },
      '/strict': {
        html: `<html><head><title>Ketat</title>
          <meta http-equiv="Content-Security-Policy" content="connect-src 'self'"></head><body>${SNIPPET}</body></html>`,
        headers: { 'Content-Security-Policy': "script-src 'self'" },
      },
      '/broken': { html: 'boom', status: 500 },
      '/moved': { html: '', status: 302, headers: { Location: 'http://10.0.0.7/good' } },
    }

  /** The pages, on loopback: every outgoing fetch of the Worker lands here. */
  function servePages() {
    return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const url = new URL(new Request(input, init).url)
      const page = PAGES[url.pathname]
      if (!page) return new Response('not found', { status: 404 })
      return new Response(page.html, {
        status: page.status ?? 200,
        headers: { 'Content-Type': 'text/html; charset=utf-8', ...page.headers },
      })
    })
  }

  const check = (url: unknown, token = admin) =>
    send('POST', '/api/v1/admin/check-embed', token, url === undefined ? {} : { url })

  it('reports a good page: snippet, OPDs, origin, article, title and CSP', async () => {
    servePages()
    const res = await check('http://127.0.0.1:8998/good?utm=x')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(ANSWERS.EmbedCheck.safeParse(body).error?.issues ?? []).toEqual([])
    expect(body).toEqual({
      url: 'http://127.0.0.1:8998/good?utm=x',
      snippet_found: true,
      opds: ['dinkes', 'dishub'],
      origin_registered: false,
      site: null,
      article: 'http://127.0.0.1:8998/berita/vaksin',
      title: 'Vaksin & <b>',
      csp: { script: true, connect: true },
    })
  })

  it('reports a page without the snippet, and one whose CSP blocks the widget', async () => {
    servePages()
    expect(await (await check('http://127.0.0.1:8998/bare')).json()).toMatchObject({
      snippet_found: false,
      opds: [],
      article: 'http://127.0.0.1:8998/bare',
      title: 'Tanpa widget',
      csp: { script: true, connect: true },
    })
    expect(await (await check('http://127.0.0.1:8998/strict')).json()).toMatchObject({
      snippet_found: true,
      csp: { script: false, connect: false },
    })
  })

  it('lets another token check pages of its own sites only', async () => {
    servePages()
    const own = await check(`${ORIGIN}/good`, opdToken)
    expect(await own.json()).toMatchObject({ origin_registered: true, site: SITE })
    const theirs = await check(`${ORIGIN}/good`, otherToken)
    expect(await errorOf(theirs)).toMatchObject({ status: 403, code: 'out_of_scope' })
    const unregistered = await check('http://127.0.0.1:8998/good', opdToken)
    expect(await errorOf(unregistered)).toMatchObject({ status: 403, code: 'out_of_scope' })
  })

  it('refuses bad input, private addresses when deployed and unreadable pages, changing nothing', async () => {
    const spy = servePages()
    await unchanged(async () => {
      for (const [url, status, code] of [
        [undefined, 400, 'invalid_request'],
        [42, 400, 'invalid_request'],
        ['ftp://blorakab.go.id/x', 400, 'invalid_request'],
        ['javascript:alert(1)', 400, 'invalid_request'],
        ['not a url', 400, 'invalid_request'],
        ['http://127.0.0.1:8998/broken', 422, 'page_unreachable'],
      ] as const) {
        expect(await errorOf(await check(url)), String(url)).toMatchObject({ status, code })
      }
      // Deployed (ALLOW_LOCAL_ADDRESSES unset): loopback, private and link-local are refused,
      // before anything is fetched and at a redirect.
      const deployed = { ...env, ALLOW_LOCAL_ADDRESSES: undefined }
      const app = createApp()
      const post = (url: string) =>
        app.fetch(
          new Request(`${BASE}/api/v1/admin/check-embed`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ url }),
          }),
          deployed,
        )
      for (const url of [
        'http://127.0.0.1:8998/good',
        'http://[::1]/x',
        'http://169.254.169.254/',
      ]) {
        expect(await errorOf(await post(url)), url).toMatchObject({
          status: 400,
          code: 'address_not_allowed',
        })
      }
      const calls = spy.mock.calls.length
      expect(await errorOf(await post(`${ORIGIN}/moved`))).toMatchObject({
        status: 400,
        code: 'address_not_allowed',
      })
      expect(spy.mock.calls.length).toBe(calls + 1) // the redirect was not followed
    })
  })
})
