import { secureHeaders } from 'hono/secure-headers'

/**
 * The dashboard: a strict CSP (only its own script and stylesheet files, no inline code,
 * no framing), since it shows text from pages that anyone could have put there.
 */
export const dashboardHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  referrerPolicy: 'no-referrer',
})

/**
 * The API answers JSON only: nothing in it may run or be framed. CORP stays off, since
 * widgets on pemda sites read these answers cross-origin (CORS decides who may).
 */
export const apiHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: false,
  referrerPolicy: 'no-referrer',
})
