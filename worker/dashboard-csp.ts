/**
 * The strict Content-Security-Policy of the pages this Worker shows people (the demo page and
 * the dashboard): only their own script and stylesheet files, no inline code, no framing.
 * Callers name only what differs from it, e.g. `{ 'img-src': "'self' data:" }`.
 */
export function strictCsp(differs: Record<string, string> = {}): string {
  const directives: Record<string, string> = {
    'default-src': "'none'",
    'script-src': "'self'",
    'style-src': "'self'",
    'img-src': "'self'",
    'connect-src': "'self'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
    ...differs,
  }
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ')
}

/**
 * The dashboard shows text from pages anyone could have written; its empty favicon
 * (`<link rel=icon href="data:,">`, so browsers ask for no /favicon.ico) is a data: URL.
 * It is served as static assets, so the build writes this into their `_headers` file
 * (scripts/build-dashboard.ts); `frame-ancestors` works only as a header.
 */
export const DASHBOARD_CSP = strictCsp({ 'img-src': "'self' data:" })

/** Headers for every dashboard file, in the static assets' `_headers` format. */
export function dashboardHeadersFile(): string {
  const headers = [
    `Content-Security-Policy: ${DASHBOARD_CSP}`,
    'X-Frame-Options: DENY',
    'X-Content-Type-Options: nosniff',
    'Referrer-Policy: no-referrer',
  ]
  return (
    ['/dashboard', '/dashboard.html', '/dashboard/*']
      .map((path) => [path, ...headers.map((h) => `  ${h}`)].join('\n'))
      .join('\n') + '\n'
  )
}
