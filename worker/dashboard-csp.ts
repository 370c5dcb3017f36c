/**
 * The dashboard's Content-Security-Policy: only its own script and stylesheet files, no
 * inline code, no framing, since it shows text from pages anyone could have written. The
 * dashboard is served as static assets, so the build writes this into their `_headers`
 * file (scripts/build-dashboard.ts); `frame-ancestors` works only as a header.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** Headers for every dashboard file, in the static assets' `_headers` format. */
export function dashboardHeadersFile(): string {
  const headers = [
    `Content-Security-Policy: ${DASHBOARD_CSP}`,
    'X-Frame-Options: DENY',
    'X-Content-Type-Options: nosniff',
    'Referrer-Policy: no-referrer',
  ]
  return ['/dashboard', '/dashboard.html', '/dashboard/*'].map((path) => [path, ...headers.map((h) => `  ${h}`)].join('\n')).join('\n') + '\n'
}
