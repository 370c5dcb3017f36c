import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { secureHeaders } from 'hono/secure-headers'
import * as z from 'zod'
import { publicRateLimit } from '../abuse/guards'
import { looksScripted } from '../abuse/limits'
import { strictCsp } from '../dashboard-csp'
import { onlyLinks } from '../domain/comments/comment-spam'
import { REASON_KEYS } from '../domain/comments/reasons'
import { factory } from '../env'
import { ApiError, apiError } from '../errors'
import { type PageLang, pageHref, tanggapiPage, tanggapiProblemPage } from '../pages/tanggapi'
import { summary as articleSummary, vote } from '../hot-path/article'
import { recordFollowUp } from '../hot-path/follow-up'
import { articleTitle } from '../storage/articles'
import { siteDirectory } from '../storage/sites'
import { commentText, newArticleKey, opdSlug, reader, siteId } from '../validation/fields'
import { formFields, parseOrThrow } from '../validation/json-body'
import { responseBody } from '../api/widget/responses'
import { notifyCommentCreated } from '../webhooks/detect'
import { requireArticleOfSite, siteOf } from '../hot-path/request-article'

// The widget without JavaScript (docs/contract.md §10; docs/embedding.md «Without JavaScript»): the snippet's
// <noscript> link opens GET /tanggapi, whose form POSTs here and is sent back (303) to the
// page with the figures. Answers go through the API's own vote (hot-path/article.ts), so every rule of
// POST /api/v1/responses holds; errors are pages, since a person followed a link.

/** The reader's random id on this host (docs/embedding.md «Without JavaScript»: no personal data). */
const READER_COOKIE = 'tanggapan_reader'
// Browsers keep no cookie longer than 400 days.
const READER_COOKIE_SECONDS = 400 * 24 * 60 * 60

const articleQuery = z.object({ site: siteId, opd: opdSlug, article: newArticleKey })

/**
 * The follow-up form (after Cukup Puas or Tidak Puas): the reasons and the suggestion under the
 * rules of POST /api/v1/reasons and /api/v1/comments, whose fields these are.
 */
const followUpForm = articleQuery.extend({
  reasons: z
    .array(z.enum(REASON_KEYS, { error: `Each reason must be one of ${REASON_KEYS.join(', ')}` }))
    .refine((keys) => new Set(keys).size === keys.length, 'Each reason may be given once'),
  text: commentText.optional(),
  hp: z.string().max(200).optional(),
})

/** English only when asked for, by the link's `lang=en` or the form's field; Indonesian otherwise. */
const langOf = (value: string | null | undefined): PageLang => (value === 'en' ? 'en' : 'id')

/** The language a POST's form asked for, kept for its error page (a form is read once). */
const formLang = new WeakMap<Request, PageLang>()

async function readForm(c: Context): Promise<URLSearchParams> {
  const form = await formFields(c)
  formLang.set(c.req.raw, langOf(form.get('lang')))
  return form
}

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
    const title = await articleTitle(db, site.id, query.article)
    const page = { site: site.id, siteName: site.name, opd: query.opd, opdName, title }
    const state = { lang: langOf(c.req.query('lang')), sent: c.req.query('terkirim') === '1' }
    return c.html(tanggapiPage({ ...page, article: query.article }, summary, state))
  })
  .post('/', fromThisHost, async (c) => {
    const form = await readForm(c)
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
    const back = pageHref({ site, opd: body.opd, article: body.article }, langOf(form.get('lang')))
    return c.redirect(back, 303)
  })
  // The reasons and the suggestion: the reader's set replaces their earlier one and the
  // suggestion their earlier comment, as the widget's POST /api/v1/reasons and /comments do.
  .post('/masukan', fromThisHost, async (c) => {
    const form = await readForm(c)
    const typed = form.get('text') ?? ''
    const body = parseOrThrow(followUpForm, {
      site: form.get('site') ?? undefined,
      opd: form.get('opd') ?? undefined,
      article: form.get('article') ?? undefined,
      reasons: form.getAll('reasons'),
      text: typed.trim() === '' ? undefined : typed,
      hp: form.get('website') ?? undefined,
    })
    const db = c.var.db
    const site = await siteOf(db, null, { ...body, title: null })
    await requireArticleOfSite(db, site, body.article)
    const you = readerCookie(getCookie(c, READER_COOKIE))
    const noAnswer = () =>
      apiError(
        'no_response',
        'Reasons and a suggestion need this reader’s answer on this article first',
      )
    if (you === null) throw noAnswer()
    // A filled honeypot stores nothing, and is thanked all the same (after the answer is
    // looked for, as always); a suggestion of links only is left out of what is stored.
    const scripted = looksScripted(body)
    const { article, opd } = body
    const followUp = {
      site,
      opd,
      article,
      reader: you,
      reasons: scripted ? undefined : body.reasons,
      comment: scripted || body.text === undefined || onlyLinks(body.text) ? undefined : body.text,
    }
    const outcome = await recordFollowUp(c.env, db, followUp, (now) =>
      notifyCommentCreated(c, site, article, you, now),
    )
    if (outcome === 'no_response') throw noAnswer()
    const back = pageHref({ site, opd: body.opd, article: body.article }, langOf(form.get('lang')))
    return c.redirect(`${back}&terkirim=1`, 303)
  })
  .onError((err, c) => {
    if (!(err instanceof ApiError)) throw err
    const lang =
      c.req.method === 'POST' ? (formLang.get(c.req.raw) ?? 'id') : langOf(c.req.query('lang'))
    const page = tanggapiProblemPage(err.code, err.message, lang)
    return c.html(page, err.status, err.headers)
  })
