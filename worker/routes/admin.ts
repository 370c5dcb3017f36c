import { requireToken } from '../auth/bearer-auth'
import { adminCommentsRoute } from './admin-comments'
import { checkEmbedRoute } from './check-embed'
import { adminMovesRoute } from './admin-moves'
import { adminPublicationsRoute } from './publications'
import { adminSitesRoute } from './admin-sites'
import { adminSpamRoute } from './admin-spam'
import { adminTokensRoute } from './admin-tokens'
import { webhooksRoute } from './webhooks'
import { factory } from '../env'

/** Management (an addition to docs/contract.md §5): sites, origins, OPDs, tokens, spam and comments. */
export const adminRoute = factory
  .createApp()
  .use(requireToken)
  .route('/sites', adminSitesRoute)
  .route('/sites', adminMovesRoute)
  .route('/tokens', adminTokensRoute)
  .route('/flagged', adminSpamRoute)
  .route('/comments', adminCommentsRoute)
  .route('/publications', adminPublicationsRoute)
  .route('/webhooks', webhooksRoute)
  .route('/check-embed', checkEmbedRoute)
