import type { Context } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { publicRateLimit } from '../abuse/guards'
import { strictCsp } from '../dashboard-csp'
import { type AppEnv, factory } from '../env'
import { ApiError } from '../errors'
import { PAGE_CSP } from '../pages/page-shell'
import { POSTER_CSS, POSTER_STYLESHEET_PATH, posterPage } from '../pages/skm-poster'
import {
  kioskRefusedPage,
  surveyMissingPage,
  surveyPage,
  surveyProblemPage,
} from '../pages/skm-survey'
import { publicOrigin } from '../public-origin'
import { qrSvg } from '../skm/qr-code'
import { ELEMENTS, withWording } from '../skm/questionnaire'
import { deviceToken, serviceSlug } from '../skm/validation'
import { checkDevice } from '../storage/skm-devices'
import { type ServiceRow, serviceOf } from '../storage/skm-services'
import { type SiteEntry, siteDirectory } from '../storage/sites'
import { siteId } from '../validation/fields'

// The public SKM survey page (docs/contract.md §14; docs/skm.md «Halaman survei»): reached by a
// link or the counter's QR code, no account. The Worker renders the shell with the service's
// names; the survey chunk (widget/skm/) draws the questions and posts the answers to
// POST /api/v1/skm/responses on this host. Errors are pages, since a person followed a link.
// Beside it, the counter's QR code and A5 poster for the same address (docs/skm.md «Kode QR dan
// poster»).

// Its own script and stylesheet only, its answers to this host only.
const CSP = strictCsp({ 'img-src': 'data:' })

const pageHeaders = secureHeaders({
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: 'same-origin',
  referrerPolicy: 'no-referrer',
  xFrameOptions: 'DENY',
})

type Found = { directory: SiteEntry; service: ServiceRow }

/** The site and service the path names, or null for an unknown or retired one (a 404). */
async function liveService(c: Context<AppEnv>): Promise<Found | null> {
  const site = siteId.safeParse(c.req.param('site'))
  const slug = serviceSlug.safeParse(c.req.param('service'))
  const db = c.var.db
  const [directory] = site.success ? await siteDirectory(db, site.data) : []
  const service =
    directory !== undefined && slug.success ? await serviceOf(db, directory.id, slug.data) : null
  if (directory === undefined || service === null || service.retired_at !== null) return null
  return { directory, service }
}

const opdName = (directory: SiteEntry, service: ServiceRow) =>
  directory.opds.find((o) => o.slug === service.opd)?.name ?? service.opd

/** The survey page's address on the public origin: what the QR code and poster hand out. */
const surveyAddress = (c: Context<AppEnv>, site: string, slug: string) =>
  `${publicOrigin(c)}/skm/${site}/${slug}`

export const skmPageRoute = factory
  .createApp()
  // The headers first, so that a page refused by the rate limit has them too.
  .use(
    pageHeaders,
    async (c, next) => {
      await next()
      // The poster, which has no script, sets a stricter one of its own.
      if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', CSP)
    },
    publicRateLimit,
  )
  .get(POSTER_STYLESHEET_PATH.replace('/skm', ''), (c) =>
    c.body(POSTER_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=86400',
    }),
  )
  .get('/:site/:service', async (c) => {
    // Asked again each time: a respondent opening a retired service's page is told so at once.
    // The page is small; its script and stylesheet are what browsers keep.
    c.header('Cache-Control', 'no-cache')
    const found = await liveService(c)
    if (found === null) return c.html(surveyMissingPage(), 404)
    const { directory, service } = found
    // A kiosk (docs/skm.md «Mode kios»): its token is in the address, so the page is never kept
    // by a cache, and a wrong or revoked one is told at once rather than after nine answers.
    const kiosk = c.req.query('mode') === 'kiosk'
    let device: string | undefined
    if (kiosk) {
      c.header('Cache-Control', 'no-store')
      device = c.req.query('device') ?? ''
      const check = deviceToken.safeParse(device).success
        ? await checkDevice(c.var.db, directory.id, service.slug, device)
        : { live: false as const, revoked: false }
      if (!check.live) return c.html(kioskRefusedPage(check.revoked), 403)
    }
    // Stored wording was checked when it was set; the defaults stand in should it not be.
    const worded = withWording(service.wording ?? {})
    const questions = (worded.ok ? worded.questionnaire : ELEMENTS).map((e) => e.question)
    const lang = c.req.query('lang') === 'en' ? 'en' : 'id'
    return c.html(
      surveyPage({
        siteName: directory.name,
        opdName: opdName(directory, service),
        serviceName: service.name,
        data: {
          site: directory.id,
          opd: service.opd,
          service: service.slug,
          lang,
          questions,
          device,
        },
      }),
    )
  })
  .get('/:site/:service/qr.svg', async (c) => {
    const found = await liveService(c)
    if (found === null) {
      c.header('Cache-Control', 'no-cache')
      return c.html(surveyMissingPage(), 404)
    }
    const { directory, service } = found
    // The address never changes for a service; a retired one's code leads to the 404 page.
    return c.body(qrSvg(surveyAddress(c, directory.id, service.slug)), 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Content-Disposition': `inline; filename="skm-${directory.id}-${service.slug}.svg"`,
      'Cache-Control': 'public, max-age=86400',
    })
  })
  .get('/:site/:service/poster', async (c) => {
    // Names may change; the poster is printed from what they are now.
    c.header('Cache-Control', 'no-cache')
    c.header('Content-Security-Policy', PAGE_CSP)
    const found = await liveService(c)
    if (found === null) return c.html(surveyMissingPage(), 404)
    const { directory, service } = found
    const address = surveyAddress(c, directory.id, service.slug)
    return c.html(
      posterPage({
        siteName: directory.name,
        opdName: opdName(directory, service),
        serviceName: service.name,
        address,
        qrSvg: qrSvg(address),
      }),
    )
  })
  .onError((err, c) => {
    if (!(err instanceof ApiError)) throw err
    return c.html(surveyProblemPage(err.message), err.status, err.headers)
  })
