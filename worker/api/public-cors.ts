import { factory } from '../env'
import { apiError } from '../errors'
import { siteForOrigin } from '../storage/sites'

/**
 * CORS for the widget's endpoints: only origins that a site has registered are answered,
 * and the site they belong to is the one the request speaks for (docs/contract.md §5). Runs before
 * any body is read, so a refused origin changes nothing.
 */
export const publicCors = factory.createMiddleware(async (c, next) => {
  // Browsers send no Origin on a same-origin GET (the Worker's own /demo page asking for a
  // summary) but do send Sec-Fetch-Site: then the request's own origin is the page's.
  const origin =
    c.req.header('Origin') ??
    (c.req.header('Sec-Fetch-Site') === 'same-origin' ? new URL(c.req.url).origin : undefined)
  if (origin === undefined) {
    c.set('originSite', null)
    return next()
  }
  const siteId = await siteForOrigin(c.var.db, origin)
  if (siteId === null) {
    throw apiError('origin_not_allowed', `The origin ${origin} is not registered for any site`)
  }
  c.set('originSite', siteId)
  c.header('Access-Control-Allow-Origin', origin)
  c.header('Vary', 'Origin')
  if (c.req.method === 'OPTIONS') {
    c.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
    c.header('Access-Control-Allow-Headers', 'Content-Type')
    c.header('Access-Control-Max-Age', '86400')
    return c.body(null, 204)
  }
  await next()
})

/**
 * publicCors, and the Worker's own pages besides: a request whose Origin is this host's (the
 * SKM survey page, /skm/:site/:service) speaks for the site its body names, as a request
 * without an Origin does. Those pages serve every site from one host, so the host's origin
 * cannot stand for one site; and no other page can send this host's Origin from a browser.
 */
export const publicCorsOrOwnPages = factory.createMiddleware(async (c, next) => {
  if (c.req.header('Origin') !== new URL(c.req.url).origin) return publicCors(c, next)
  c.set('originSite', null)
  await next()
})
