import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../worker/app'
import { BASE, errorOf, seedSite, unchanged } from './client'
import { send, tokenFor } from './stats-fixtures'

// POST /admin/check-embed against pages that fight back: a body that trickles slower than
// the timeout, and redirects that leave the token's scope or reach a local address in an
// IPv6 disguise. Every outgoing fetch of the Worker lands on the pages below.

const SITE = 'pati'
const ORIGIN = 'https://patikab.go.id'
const OTHER_ORIGIN = 'https://kuduskab.go.id'
const GOOD =
  '<html><head><title>Berita</title></head><body><div data-tanggapan data-opd="dinkes"></div></body></html>'

let admin: string
let patiToken: string

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  await seedSite('kudus', [OTHER_ORIGIN])
  admin = (await tokenFor('admin')).token
  patiToken = (await tokenFor('opd', SITE)).token
})

afterEach(() => vi.restoreAllMocks())

/** A body that sends its first bytes, then nothing more; `honoursSignal` as fetch's own does. */
function trickle(signal: AbortSignal | null | undefined, honoursSignal: boolean) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('<html><head><title>Lam'))
      if (honoursSignal) {
        signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true })
      }
    },
  })
}

const REDIRECTS: Record<string, string> = {
  '/keluar': `${OTHER_ORIGIN}/berita`,
  '/tak-terdaftar': 'https://example.org/berita',
  '/di-dalam': `${ORIGIN}/berita`,
  '/nat64': 'http://[64:ff9b::a00:7]/berita',
  '/mapped': 'http://[::ffff:127.0.0.1]/berita',
  '/6to4': 'http://[2002:a9fe:a9fe::]/latest/meta-data',
}

function servePages() {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = new URL(new Request(input, init).url)
    const location = REDIRECTS[url.pathname]
    if (location) return new Response(null, { status: 302, headers: { Location: location } })
    const html = { 'Content-Type': 'text/html; charset=utf-8' }
    if (url.pathname === '/lambat') {
      return new Response(trickle(init?.signal, true), { headers: html })
    }
    if (url.pathname === '/macet') {
      return new Response(trickle(init?.signal, false), { headers: html })
    }
    return new Response(GOOD, { headers: html })
  })
}

const check = (url: string, token = admin) =>
  send('POST', '/api/v1/admin/check-embed', token, { url })

describe('a page whose body is slower than the timeout', () => {
  it.each([
    ['/lambat', 'a body that fails when the fetch is aborted'],
    ['/macet', 'a body that never ends on its own'],
  ])('%s (%s) is 422 page_unreachable, not 500', async (path) => {
    servePages()
    // The timeout, shortened: the same code path as 10 s, without the wait.
    const timeout = AbortSignal.timeout.bind(AbortSignal)
    vi.spyOn(AbortSignal, 'timeout').mockImplementation(() => timeout(50))
    await unchanged(async () => {
      const res = await check(`${ORIGIN}${path}`)
      expect(await errorOf(res)).toMatchObject({ status: 422, code: 'page_unreachable' })
    })
  })
})

describe('redirects, each checked against the token’s scope', () => {
  it('refuses a redirect to another site’s page for a token of one site, without fetching it', async () => {
    const spy = servePages()
    for (const path of ['/keluar', '/tak-terdaftar']) {
      const res = await check(`${ORIGIN}${path}`, patiToken)
      expect(await errorOf(res), path).toMatchObject({ status: 403, code: 'out_of_scope' })
    }
    const fetched = spy.mock.calls.map(([input, init]) => new Request(input, init).url)
    expect(fetched).toEqual([`${ORIGIN}/keluar`, `${ORIGIN}/tak-terdaftar`])
  })

  it('follows a redirect within the token’s own site', async () => {
    servePages()
    const res = await check(`${ORIGIN}/di-dalam`, patiToken)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ url: `${ORIGIN}/berita`, site: SITE })
  })

  it('lets an admin token follow a redirect to any site', async () => {
    servePages()
    const res = await check(`${ORIGIN}/keluar`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ url: `${OTHER_ORIGIN}/berita`, site: 'kudus' })
  })

  it('refuses, deployed, a redirect to a local address written as NAT64, mapped or 6to4 IPv6', async () => {
    const spy = servePages()
    const deployed = { ...env, ALLOW_LOCAL_ADDRESSES: undefined }
    const app = createApp()
    for (const path of ['/nat64', '/mapped', '/6to4']) {
      const res = await app.fetch(
        new Request(`${BASE}/api/v1/admin/check-embed`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ url: `${ORIGIN}${path}` }),
        }),
        deployed,
      )
      expect(await errorOf(res), path).toMatchObject({ status: 400, code: 'address_not_allowed' })
    }
    expect(spy).toHaveBeenCalledTimes(3) // the redirects were not followed
  })
})
