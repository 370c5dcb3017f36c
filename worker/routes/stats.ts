import { Hono } from 'hono'
import { type AuthVars, requireToken } from '../auth/bearer'
import type { Env } from '../env'
import { statsArticlesRoute } from './stats-articles'
import { statsCommentsRoute } from './stats-comments'
import { statsOpdsRoute } from './stats-opds'
import { statsScopeRoute } from './stats-scope'
import { statsSitesRoute } from './stats-sites'
import { statsTimeseriesRoute } from './stats-timeseries'

/** The restricted statistics (CONTRACT §5): every route needs a bearer token. */
export const statsRoute = new Hono<{ Bindings: Env; Variables: AuthVars }>()
  .use(requireToken)
  .route('/scope', statsScopeRoute)
  .route('/sites', statsSitesRoute)
  .route('/opds', statsOpdsRoute)
  .route('/articles', statsArticlesRoute)
  .route('/timeseries', statsTimeseriesRoute)
  .route('/comments', statsCommentsRoute)
