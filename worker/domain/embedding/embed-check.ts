import { type CspVerdict, cspVerdict } from './csp'

// What POST /admin/check-embed reports of a page (docs/contract.md §10, docs/embedding.md «Checking an embed»),
// from what the route's HTML scan collected: pure, so the rules read in one place.

/** What the scan of a page's HTML found, as written in it (entities not yet decoded). */
export interface PageScan {
  /** Every `<script src>`. */
  scripts: string[]
  /** The `data-opd` of each `[data-tanggapan]` container (null when it has none). */
  containers: (string | null)[]
  canonical: string | null
  ogTitle: string | null
  title: string
  /** The content of each `<meta http-equiv="Content-Security-Policy">`. */
  metaPolicies: string[]
}

export interface EmbedFindings {
  snippet_found: boolean
  opds: string[]
  article: string
  title: string | null
  csp: CspVerdict
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
}

/** Character references as HTML writes them in titles and attributes (the common ones). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref.toLowerCase()] ?? whole
    const code =
      ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1))
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/**
 * The snippet is there when the page loads this Worker's widget.js and has a container with
 * an OPD (the widget draws nothing in one without). The article is what the widget would
 * count the page as (widget/widget-config.ts): the canonical URL, else origin and path.
 */
export function embedFindings(
  scan: PageScan,
  pageUrl: string,
  workerOrigin: string,
  headerPolicies: string[],
): EmbedFindings {
  const page = new URL(pageUrl)
  const resolve = (href: string) => (URL.canParse(href, page) ? new URL(href, page) : null)
  const loader = scan.scripts.some((src) => {
    const url = resolve(decodeEntities(src).trim())
    return url !== null && url.origin === workerOrigin && url.pathname === '/widget.js'
  })
  const opds = [
    ...new Set(
      scan.containers.map((o) => (o === null ? '' : decodeEntities(o).trim())).filter((o) => o),
    ),
  ]
  const canonical = scan.canonical === null ? null : resolve(decodeEntities(scan.canonical).trim())
  const title = decodeEntities(scan.ogTitle ?? scan.title).trim()
  return {
    snippet_found: loader && opds.length > 0,
    opds,
    article: canonical?.href ?? page.origin + page.pathname,
    title: title === '' ? null : title,
    csp: cspVerdict([...headerPolicies, ...scan.metaPolicies], pageUrl, workerOrigin),
  }
}
