import { HTTPException } from 'hono/http-exception'
import { publicRateLimit, restrictedRateLimit } from './abuse/guards'
import { loggableError } from './error-log'
import { ApiError, errorBody } from './errors'
import { adminRoute } from './api/admin'
import { authSessionRoute } from './api/auth/session'
import { apiDocsRoute, openApiRoute } from './routes/api-docs'
import { apiApp } from './api/operation'
import { openApiDocument } from './api/document'
import { categoriesRoute } from './api/public/categories'
import { regionsRoute } from './api/public/regions'
import { commentsRoute } from './api/widget/comments'
import { reasonsRoute } from './api/widget/reasons'
import { repliesRoute } from './api/widget/replies'
import { responsesRoute } from './api/widget/responses'
import { skmResponsesRoute } from './api/skm/responses'
import { skmQuestionnaireRoute } from './api/skm/questionnaire'
import { statsRoute } from './api/stats'
import { summaryRoute } from './api/widget/summary'
import { summariesRoute } from './api/widget/summaries'
import { viewsRoute } from './api/widget/views'
import { visitsRoute } from './api/widget/visits'
import { widgetErrorsRoute } from './api/widget/widget-errors'
import { demoRoute } from './routes/demo'
import { publicPublicationsRoute } from './api/public/publications'
import { reportsRoute } from './routes/reports'
import { skmPageRoute } from './routes/skm-page'
import { tanggapiRoute } from './routes/tanggapi'
import { datasetsRoute, openDataRoute } from './api/public/opendata'
import { widgetAssetsRoute } from './routes/widget-assets'
import { apiHeaders } from './security-headers'

/** The whole Worker: routes, the 404 and the one place errors become the contract's shape. */
export function createApp() {
  const app = apiApp()
  const document = () => openApiDocument(app)

  // A page for people, with its own CSP: mounted before apiHeaders, whose JSON-only CSP
  // would refuse its stylesheet (a handler that answers ends the chain).
  app.route('/api/docs', apiDocsRoute(document))
  app.use('/api/*', apiHeaders)
  app.use('/api/v1/stats/*', restrictedRateLimit)
  app.use('/api/v1/admin/*', restrictedRateLimit)
  app.use('/api/v1/auth/*', restrictedRateLimit)
  app.use('/api/v1/public/*', publicRateLimit)
  app.use('/laporan/*', publicRateLimit)
  app.use('/transparansi/*', publicRateLimit)
  for (const path of [
    '/api/v1/responses',
    '/api/v1/summary',
    '/api/v1/summaries',
    '/api/v1/views',
    '/api/v1/visits',
    '/api/v1/comments',
    '/api/v1/reasons',
    '/api/v1/replies',
    '/api/v1/widget-errors',
    '/api/v1/categories',
    '/api/v1/regions',
    '/api/v1/skm/responses',
    '/api/v1/skm/questionnaire',
  ]) {
    app.use(path, publicRateLimit)
  }

  app.route('/api/v1/responses', responsesRoute)
  app.route('/api/v1/summary', summaryRoute)
  app.route('/api/v1/summaries', summariesRoute)
  app.route('/api/v1/views', viewsRoute)
  app.route('/api/v1/visits', visitsRoute)
  app.route('/api/v1/comments', commentsRoute)
  app.route('/api/v1/reasons', reasonsRoute)
  app.route('/api/v1/replies', repliesRoute)
  app.route('/api/v1/widget-errors', widgetErrorsRoute)
  app.route('/api/v1/skm/responses', skmResponsesRoute)
  app.route('/api/v1/skm/questionnaire', skmQuestionnaireRoute)
  app.route('/api/v1/stats', statsRoute)
  app.route('/api/v1/categories', categoriesRoute)
  app.route('/api/v1/regions', regionsRoute)
  app.route('/api/v1/admin', adminRoute)
  app.route('/api/v1/auth/session', authSessionRoute)
  app.route('/api/v1/public/publications', publicPublicationsRoute)
  // The contract's path, and the one the laporan and transparansi pages were built against.
  app.route('/api/v1/public/datasets', datasetsRoute)
  app.route('/api/v1/public/opendata', openDataRoute)
  app.route('/api/v1/openapi.json', openApiRoute(document))
  app.route('/', widgetAssetsRoute)
  app.route('/demo', demoRoute)
  app.route('/', reportsRoute)
  // Its own rate limit and error pages: a person follows the snippet's <noscript> link here.
  app.route('/tanggapi', tanggapiRoute)
  // The SKM survey page, with its own CSP and error pages, as /tanggapi.
  app.route('/skm', skmPageRoute)

  app.notFound((c) =>
    c.json(errorBody('not_found', `Nothing at ${c.req.method} ${c.req.path}`), 404),
  )

  app.onError((err, c) => {
    if (err instanceof ApiError)
      return c.json(errorBody(err.code, err.message), err.status, err.headers)
    if (err instanceof HTTPException && err.status < 500) {
      return c.json(errorBody('bad_request', err.message || 'Bad request'), err.status)
    }
    // Unexpected: log it for the operator, tell the client nothing of the internals.
    console.error('unexpected error', c.req.method, c.req.path, loggableError(err))
    return c.json(errorBody('internal_error', 'Something went wrong on our side'), 500)
  })

  return app
}
