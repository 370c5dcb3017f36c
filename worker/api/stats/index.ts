import { requireToken } from '../../auth/bearer-auth'
import { apiApp } from '../operation'
import { articles, articlesHandler } from './articles'
import { comments, commentsHandler } from './comments'
import { health, healthHandler } from './health'
import { opds, opdsHandler } from './opds'
import { regions, regionsHandler } from './regions'
import { scope, scopeHandler } from './scope'
import { sites, sitesHandler } from './sites'
import { skm, skmHandler } from './skm'
import { timeseries, timeseriesHandler } from './timeseries'

/** The restricted statistics (docs/contract.md §5): every operation needs a bearer token. */
export const statsRoute = apiApp(requireToken)
  .openapi(scope, scopeHandler)
  .openapi(sites, sitesHandler)
  .openapi(regions, regionsHandler)
  .openapi(opds, opdsHandler)
  .openapi(articles, articlesHandler)
  .openapi(timeseries, timeseriesHandler)
  .openapi(health, healthHandler)
  .openapi(comments, commentsHandler)
  .openapi(skm, skmHandler)
