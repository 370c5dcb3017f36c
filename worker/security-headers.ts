import { secureHeaders } from 'hono/secure-headers'

/**
 * The API answers JSON only: nothing in it may run or be framed. CORP stays off, since
 * widgets on pemda sites read these answers cross-origin (CORS decides who may). The
 * dashboard's headers are in worker/dashboard-csp.ts (it is served as static assets).
 */
export const apiHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: false,
  referrerPolicy: 'no-referrer',
})
