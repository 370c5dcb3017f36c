import { requireToken } from '../../auth/bearer-auth'
import { adminPublicationsRoute } from './publications'
import { apiApp } from '../operation'
import { adminAuditRoute } from './audit'
import { checkEmbedRoute } from './check-embed'
import { adminKioskDevicesRoute } from './kiosk-devices'
import { adminCommentsRoute } from './comments'
import { adminFlaggedRoute } from './flagged'
import { adminMovesRoute } from './moves'
import { adminServicesRoute } from './services'
import { adminSitesRoute } from './sites'
import { adminTokensRoute } from './tokens'
import { webhooksRoute } from './webhooks'

/** Management (an addition to docs/contract.md §5): sites, origins, OPDs, tokens, spam, comments, SKM services and the audit log. */
export const adminRoute = apiApp(requireToken)
  .route('/sites', adminSitesRoute)
  .route('/sites', adminMovesRoute)
  .route('/sites', adminServicesRoute)
  .route('/sites', adminKioskDevicesRoute)
  .route('/tokens', adminTokensRoute)
  .route('/flagged', adminFlaggedRoute)
  .route('/comments', adminCommentsRoute)
  .route('/publications', adminPublicationsRoute)
  .route('/webhooks', webhooksRoute)
  .route('/check-embed', checkEmbedRoute)
  .route('/audit', adminAuditRoute)
