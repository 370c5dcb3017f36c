import { secureHeaders } from 'hono/secure-headers'
import { publicRateLimit } from '../abuse/guards'
import { strictCsp } from '../dashboard-csp'
import { factory } from '../env'
import { ApiError } from '../errors'
import { surveyMissingPage, surveyPage, surveyProblemPage } from '../pages/skm-survey'
import { ELEMENTS, withWording } from '../skm/questionnaire'
import { serviceSlug } from '../skm/validation'
import { serviceOf } from '../storage/skm-services'
import { siteDirectory } from '../storage/sites'
import { siteId } from '../validation/fields'

// The public SKM survey page (docs/contract.md §14; docs/skm.md «Halaman survei»): reached by a
// link or the counter's QR code, no account. The Worker renders the shell with the service's
// names; the survey chunk (widget/skm/) draws the questions and posts the answers to
// POST /api/v1/skm/responses on this host. Errors are pages, since a person followed a link.

// Its own script and stylesheet only, its answers to this host only.
const CSP = strictCsp({ 'img-src': 'data:' })

const pageHeaders = secureHeaders({
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: 'same-origin',
  referrerPolicy: 'no-referrer',
  xFrameOptions: 'DENY',
})

export const skmPageRoute = factory
  .createApp()
  // The headers first, so that a page refused by the rate limit has them too.
  .use(
    pageHeaders,
    async (c, next) => {
      await next()
      c.header('Content-Security-Policy', CSP)
    },
    publicRateLimit,
  )
  .get('/:site/:service', async (c) => {
    const site = siteId.safeParse(c.req.param('site'))
    const slug = serviceSlug.safeParse(c.req.param('service'))
    const db = c.var.db
    // Asked again each time: a respondent opening a retired service's page is told so at once.
    // The page is small; its script and stylesheet are what browsers keep.
    c.header('Cache-Control', 'no-cache')
    const [directory] = site.success ? await siteDirectory(db, site.data) : []
    const service =
      directory !== undefined && slug.success ? await serviceOf(db, directory.id, slug.data) : null
    if (directory === undefined || service === null || service.retired_at !== null) {
      return c.html(surveyMissingPage(), 404)
    }
    // Stored wording was checked when it was set; the defaults stand in should it not be.
    const worded = withWording(service.wording ?? {})
    const questions = (worded.ok ? worded.questionnaire : ELEMENTS).map((e) => e.question)
    const lang = c.req.query('lang') === 'en' ? 'en' : 'id'
    return c.html(
      surveyPage({
        siteName: directory.name,
        opdName: directory.opds.find((o) => o.slug === service.opd)?.name ?? service.opd,
        serviceName: service.name,
        data: {
          site: directory.id,
          opd: service.opd,
          service: service.slug,
          lang,
          questions,
        },
      }),
    )
  })
  .onError((err, c) => {
    if (!(err instanceof ApiError)) throw err
    return c.html(surveyProblemPage(err.message), err.status, err.headers)
  })
