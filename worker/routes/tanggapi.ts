import { getCookie, setCookie } from 'hono/cookie'
import { secureHeaders } from 'hono/secure-headers'
import * as z from 'zod'
import { publicRateLimit } from '../abuse/guards'
import { strictCsp } from '../dashboard-csp'
import { factory } from '../env'
import { ApiError, apiError } from '../errors'
import { tanggapiPage, tanggapiProblemPage } from '../pages/tanggapi'
import { summary as articleSummary, vote } from '../hot-path/article'
import { siteDirectory } from '../storage/sites'
import { newArticleKey, opdSlug, reader, siteId } from '../validation/fields'
import { formFields, parseOrThrow } from '../validation/json-body'
import { responseBody } from '../api/widget/responses'
import { requireArticleOfSite } from './site-request'

// The widget without JavaScript (docs/contract.md §10; docs/embedding.md «Without JavaScript»): the snippet's
// <noscript> link opens GET /tanggapi, whose form POSTs here and is sent back (303) to the
// page with the figures. Answers go through the API's own vote (hot-path/article.ts), so every rule of
// POST /api/v1/responses holds; errors are pages, since a person followed a link.

/** The reader's random id on this host (docs/embedding.md «Without JavaScript»: no personal data). */
const READER_COOKIE = 'tanggapan_reader'
// Browsers keep no cookie longer than 400 days.
const READER_COOKIE_SECONDS = 400 * 24 * 60 * 60

const articleQuery = z.object({ site: siteId, opd: opdSlug, article: newArticleKey })

// The report pages' CSP (no script, no connection), and the form may post to this host only.
const CSP = strictCsp({
  'script-src': "'none'",
  'connect-src': "'none'",
  'img-src': 'data:',
  'form-action': "'self'",
})

const pageHeaders = secureHeaders({
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: 'same-origin',
  // Not no-referrer: with it a browser sends `Origin: null` on the form's POST, which the
  // check below could not tell from another site's.
  referrerPolicy: 'same-origin',
  xFrameOptions: 'DENY',
})

/**
 * CSRF: the form is posted from this page only, so the POST must come from this host. The
 * `Origin` header decides (every current browser sends it on a form POST); without one,
 * `Sec-Fetch-Site: same-origin` or a Referer of this host. A script without either gets
 * 403: scripts have the JSON API. Another site's page could otherwise make its visitors'
 * browsers answer (a SameSite=Lax cookie is not sent then, so each would count as new).
 */
const fromThisHost = factory.createMiddleware(async (c, next) => {
  const own = new URL(c.req.url).origin
  const origin = c.req.header('Origin')
  const referer = c.req.header('Referer')
  const same =
    origin !== undefined
      ? origin === own
      : c.req.header('Sec-Fetch-Site') === 'same-origin' ||
        (referer !== undefined && URL.canParse(referer) && new URL(referer).origin === own)
  if (!same) {
    throw apiError('origin_not_allowed', 'Answers are sent from the form of this page only')
  }
  await next()
})

function readerCookie(value: string | undefined): string | null {
  const parsed = reader.safeParse(value)
  return parsed.success ? parsed.data : null
}

/** A form's rating is text: digits become the number the API takes, anything else fails as it. */
const ratingField = (value: string | null) =>
  value !== null && /^[0-9]+$/.test(value) ? Number(value) : (value ?? undefined)

export const tanggapiRoute = factory
  .createApp()
  // The headers first, so that a page refused by the rate limit has them too.
  .use(
    pageHeaders,
    async (c, next) => {
      await next()
      c.header('Content-Security-Policy', CSP)
      // The page shows this reader's own answer: no cache may keep it for another.
      c.header('Cache-Control', 'no-store')
    },
    publicRateLimit,
  )
  .get('/', async (c) => {
    const query = parseOrThrow(articleQuery, c.req.query())
    const db = c.var.db
    const [site] = await siteDirectory(db, query.site)
    if (site === undefined) throw apiError('unknown_site', `No site is called ${query.site}`)
    await requireArticleOfSite(db, site.id, query.article)
    const you = readerCookie(getCookie(c, READER_COOKIE))
    const summary = await articleSummary(c.env, db, site.id, query.article, you, query.opd)
    const opdName = site.opds.find((o) => o.slug === query.opd)?.name ?? query.opd
    return c.html(
      tanggapiPage(
        { site: site.id, siteName: site.name, opd: query.opd, opdName, article: query.article },
        summary,
      ),
    )
  })
  .post('/', fromThisHost, async (c) => {
    const form = await formFields(c)
    const you = readerCookie(getCookie(c, READER_COOKIE)) ?? crypto.randomUUID()
    const body = parseOrThrow(responseBody, {
      site: form.get('site') ?? undefined,
      opd: form.get('opd') ?? undefined,
      article: form.get('article') ?? undefined,
      rating: ratingField(form.get('rating')),
      reader: you,
    })
    const { site } = await vote(c.env, c.var.db, {
      originSite: null,
      body,
      headers: c.req.raw.headers,
    })
    // Set again on every answer, so a reader who keeps answering keeps the id.
    setCookie(c, READER_COOKIE, you, {
      path: '/tanggapi',
      httpOnly: true,
      secure: new URL(c.req.url).protocol === 'https:',
      sameSite: 'Lax',
      maxAge: READER_COOKIE_SECONDS,
    })
    const back = new URLSearchParams({ site, opd: body.opd, article: body.article })
    return c.redirect(`/tanggapi?${back}`, 303)
  })
  .onError((err, c) => {
    if (!(err instanceof ApiError)) throw err
    return c.html(tanggapiProblemPage(err.code, err.message), err.status, err.headers)
  })
