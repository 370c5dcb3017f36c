import { createRoute, z } from '@hono/zod-openapi'
import type { TokenScope } from '../../auth/token'
import { embedFindings, type PageScan } from '../../domain/embedding/embed-check'
import { checkOutboundUrl } from '../../domain/webhooks/outbound-url'
import { isWithin } from '../../domain/regions/regions'
import { apiError } from '../../errors'
import { publicOrigin } from '../../public-origin'
import { siteRegion } from '../../storage/region-stats'
import { siteForOrigin } from '../../storage/sites'
import { allowsLocal } from '../../webhooks/deliver'
import { access, apiApp, BODY, errors, jsonRequest, ok, RESTRICTED } from '../operation'
import { ANSWERS } from '../schemas'

// POST /api/v1/admin/check-embed (docs/contract.md §10, docs/embedding.md «Checking an embed»): fetches a live
// page and says whether the widget can work on it. The fetch follows the webhook rules
// (domain/webhooks/outbound-url.ts) and the token's scope at every redirect, with one timeout for the
// headers and the body alike and a size cap, so the Worker cannot be aimed at the operator's
// own network or another site's pages, nor made to read a huge or endless file.

const TIMEOUT_MS = 10_000
/** Pages are read up to this many bytes; the snippet sits well within any real article. */
const MAX_PAGE_BYTES = 2 * 1024 * 1024
const MAX_REDIRECTS = 3

const checkEmbedBody = z.strictObject({
  url: z.string({ error: 'url must be the http(s) address of a page' }),
})

const route = createRoute({
  method: 'post',
  path: '/',
  tags: ['Management'],
  summary: 'Check a live page’s embed',
  description:
    'Fetches the page (http(s) only, 10 s, the first 2 MB, at most 3 redirects; private ' +
    'addresses refused when deployed) and reports whether the snippet is there, its OPDs, ' +
    'whether the origin is registered, the article key and title the widget would use, and ' +
    'whether the page’s CSP allows this host for script-src and connect-src. An admin token ' +
    'may check any page, another token only pages of the sites it reads ' +
    '(docs/embedding.md «Checking an embed»).',
  ...access('token'),
  ...jsonRequest(checkEmbedBody),
  responses: {
    200: ok(ANSWERS.EmbedCheck),
    ...errors(...RESTRICTED, ...BODY, 'address_not_allowed', 'out_of_scope', 'page_unreachable'),
  },
})

/**
 * Admin tokens may check any page (before its site is registered, say); any other token a
 * page of a site its statistics scope covers.
 */
async function mayCheck(
  token: TokenScope,
  site: string | null,
  region: () => Promise<string | null>,
): Promise<boolean> {
  if (token.role === 'admin') return true
  if (site === null) return false
  if (token.role === 'kominfo') return true
  if (token.role === 'opd') return token.site === null || token.site === site
  return token.region !== null && isWithin(await region(), token.region)
}

function outboundOrThrow(text: string, allowLocal: boolean): URL {
  const verdict = checkOutboundUrl(text, allowLocal)
  if (verdict.ok) return verdict.url
  if (verdict.reason === 'local') {
    throw apiError(
      'address_not_allowed',
      'url points at a private, loopback or link-local address; check a public page',
    )
  }
  throw apiError('invalid_request', 'url must be an http(s) URL without a user name or password')
}

const unreachable = (why: string) =>
  apiError('page_unreachable', `The page could not be read: ${why}`)

const tooSlow = `no answer within ${TIMEOUT_MS / 1000} s`

/**
 * The page after at most MAX_REDIRECTS redirects, each of them held to the same rules: the
 * address filter, then `allowed` (the token's scope) before anything is fetched from it.
 */
async function fetchPage(
  start: URL,
  allowLocal: boolean,
  allowed: (url: URL) => Promise<void>,
  signal: AbortSignal,
): Promise<{ url: URL; res: Response }> {
  let url = start
  for (let hop = 0; ; hop++) {
    let res: Response
    try {
      res = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { Accept: 'text/html', 'User-Agent': 'Tanggapan check-embed' },
      })
    } catch (err) {
      throw unreachable(signal.aborted ? tooSlow : String(err))
    }
    const location = res.headers.get('Location')
    if (res.status < 300 || res.status > 399 || location === null) {
      if (!res.ok) throw unreachable(`it answered HTTP ${res.status}`)
      return { url, res }
    }
    await res.body?.cancel()
    if (hop === MAX_REDIRECTS) throw unreachable(`more than ${MAX_REDIRECTS} redirects`)
    if (!URL.canParse(location, url)) throw unreachable('a redirect to a malformed address')
    url = outboundOrThrow(new URL(location, url).href, allowLocal)
    await allowed(url)
  }
}

/**
 * The first MAX_PAGE_BYTES of a body (what follows is not read at all), within the same
 * timeout as the headers: a page that trickles its body slower than that is unreachable (a
 * 4xx), not a failure of the Worker. Each read races the signal itself, since a body is not
 * bound to end when its fetch's signal fires.
 */
async function headOf(
  body: ReadableStream<Uint8Array> | null,
  signal: AbortSignal,
): Promise<Uint8Array<ArrayBuffer>> {
  if (body === null) return new Uint8Array(0)
  const reader = body.getReader()
  const timedOut = new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason)
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
  timedOut.catch(() => {}) // only a read that loses the race should see it
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    while (size < MAX_PAGE_BYTES) {
      const { done, value } = await Promise.race([reader.read(), timedOut])
      if (done) break
      chunks.push(value)
      size += value.byteLength
    }
  } catch (err) {
    await reader.cancel().catch(() => {})
    throw unreachable(signal.aborted ? tooSlow : String(err))
  }
  await reader.cancel()
  const bytes = new Uint8Array(Math.min(size, MAX_PAGE_BYTES))
  let at = 0
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - at)
    bytes.set(part, at)
    at += part.length
  }
  return bytes
}

/** What the HTML holds, read by workerd's streaming parser (HTMLRewriter), not by patterns. */
async function scanPage(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<PageScan> {
  const scan: PageScan = {
    scripts: [],
    containers: [],
    canonical: null,
    ogTitle: null,
    title: '',
    metaPolicies: [],
  }
  let titles = 0
  const rewriter = new HTMLRewriter()
    .on('script[src]', {
      element: (e) => void scan.scripts.push(e.getAttribute('src') ?? ''),
    })
    .on('[data-tanggapan]', {
      element: (e) => void scan.containers.push(e.getAttribute('data-opd')),
    })
    .on('link[rel~=canonical][href]', {
      element: (e) => void (scan.canonical ??= e.getAttribute('href')),
    })
    .on('meta[property="og:title"][content]', {
      element: (e) => void (scan.ogTitle ??= e.getAttribute('content')),
    })
    .on('meta[http-equiv][content]', {
      element: (e) => {
        if (e.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy')
          scan.metaPolicies.push(e.getAttribute('content') ?? '')
      },
    })
    .on('title', {
      element: () => void titles++,
      text: (t) => {
        if (titles === 1) scan.title += t.text
      },
    })
  await rewriter
    .transform(new Response(bytes, { headers: { 'Content-Type': contentType } }))
    .arrayBuffer()
  return scan
}

export const checkEmbedRoute = apiApp().openapi(route, async (c) => {
  const allowLocal = allowsLocal(c.env)
  const asked = outboundOrThrow(c.var.body.url, allowLocal)
  const db = c.var.db
  // The site of each origin the check reaches, so the answer names the last one's.
  const sites = new Map<string, string | null>()
  const allowed = async (url: URL, why: string) => {
    const site = sites.has(url.origin)
      ? (sites.get(url.origin) ?? null)
      : await siteForOrigin(db, url.origin)
    sites.set(url.origin, site)
    if (!(await mayCheck(c.var.token, site, () => siteRegion(db, site!)))) {
      throw apiError('out_of_scope', `This token may check only pages of the sites it reads${why}`)
    }
  }
  await allowed(asked, '')
  const signal = AbortSignal.timeout(TIMEOUT_MS)
  const { url, res } = await fetchPage(
    asked,
    allowLocal,
    (to) => allowed(to, `; the page redirects to ${to.origin}, which is not one of them`),
    signal,
  )
  const type = res.headers.get('Content-Type') ?? 'text/html'
  if (!/^(text\/html|application\/xhtml\+xml)\s*(;|$)/i.test(type)) {
    await res.body?.cancel()
    throw unreachable(`it is ${type.split(';')[0]}, not an HTML page`)
  }
  const scan = await scanPage(await headOf(res.body, signal), type)
  const policies = res.headers.get('Content-Security-Policy')
  const findings = embedFindings(
    scan,
    url.href,
    // The address snippets carry (the custom domain once deployed), whichever host was asked.
    publicOrigin(c),
    policies === null ? [] : [policies],
  )
  // The origin the widget would run under: the page's own, after any redirect.
  const registered = sites.get(url.origin) ?? null
  return c.json(
    { url: url.href, ...findings, origin_registered: registered !== null, site: registered },
    200,
  )
})
