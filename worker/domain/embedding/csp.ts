// Whether a page's Content-Security-Policy lets the widget run (POST /admin/check-embed,
// docs/embedding.md «Checking an embed»): the loader and its chunks are scripts from this Worker's host,
// and the widget's requests go to its API. A pure reading of CSP Level 3 source lists, enough
// to tell a webmaster which directive to change; the browser remains the final judge.

/** What the widget needs of a page's CSP, as the check reports it. */
export interface CspVerdict {
  /** script-src (or script-src-elem, or default-src) allows widget.js and its chunks. */
  script: boolean
  /** connect-src (or default-src) allows the API. */
  connect: boolean
}

type Policy = Map<string, string[]>

/**
 * One policy's directives, names lowercased; the first of a repeated directive wins, as in
 * browsers. A header may carry several policies separated by commas: split them first.
 */
function parsePolicy(text: string): Policy {
  const policy: Policy = new Map()
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (!name || policy.has(name.toLowerCase())) continue
    policy.set(name.toLowerCase(), sources)
  }
  return policy
}

/** The source list that governs `directives[0]`, falling back along the list; null: no rule. */
function governing(policy: Policy, directives: string[]): string[] | null {
  for (const d of directives) {
    const sources = policy.get(d)
    if (sources) return sources
  }
  return null
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' }

/** Whether one source expression allows `target`, on a page of origin `page`. */
function sourceAllows(source: string, target: URL, page: URL): boolean {
  const s = source.toLowerCase()
  if (s === "'self'") return target.origin === page.origin
  if (s === '*') return target.protocol === 'http:' || target.protocol === 'https:'
  if (s.startsWith("'")) return false // nonces, hashes, 'unsafe-*': not a way to allow a URL
  // A scheme source (`https:`); http: also covers https (CSP's upgrade rule).
  if (/^[a-z][a-z0-9+.-]*:$/.test(s)) return schemeMatches(s, target.protocol)
  const m =
    /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[a-z0-9.-]+)(?::(\d+|\*))?(\/[^?#]*)?$/.exec(s)
  if (m === null) return false
  const [, scheme, host, port, path] = m
  if (
    scheme
      ? !schemeMatches(`${scheme}:`, target.protocol)
      : !schemeMatches(page.protocol, target.protocol)
  ) {
    return false
  }
  if (!hostMatches(host, target.hostname)) return false
  const targetPort = target.port || DEFAULT_PORTS[target.protocol]
  if (port !== '*') {
    // No port: the scheme's default; an http: source's default also admits https on 443.
    const wanted = port ?? DEFAULT_PORTS[scheme ? `${scheme}:` : target.protocol]
    const upgraded = port === undefined && target.protocol === 'https:' && targetPort === '443'
    if (targetPort !== wanted && !upgraded) return false
  }
  if (path === undefined || path === '/') return true
  return path.endsWith('/') ? target.pathname.startsWith(path) : target.pathname === path
}

function schemeMatches(sourceScheme: string, targetScheme: string): boolean {
  return sourceScheme === targetScheme || (sourceScheme === 'http:' && targetScheme === 'https:')
}

function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1))
  return host === pattern
}

/** Whether a source list allows every one of `targets`. */
function listAllows(sources: string[], targets: URL[], page: URL, script: boolean): boolean {
  const lower = sources.map((s) => s.toLowerCase())
  // 'strict-dynamic' makes browsers ignore host sources: only a nonce'd or hashed tag runs,
  // which the pasted snippet is not.
  if (script && lower.includes("'strict-dynamic'")) return false
  return targets.every((t) => lower.some((s) => sourceAllows(s, t, page)))
}

/**
 * What the policies of a page at `pageUrl` (each header value and each
 * `<meta http-equiv>`) allow of this Worker at `workerOrigin`. Every policy must allow a
 * request for it to happen; a directive absent from a policy falls back to default-src, and
 * a policy with neither restricts nothing.
 */
export function cspVerdict(
  policies: readonly string[],
  pageUrl: string,
  workerOrigin: string,
): CspVerdict {
  const page = new URL(pageUrl)
  const scripts = [new URL('/widget.js', workerOrigin), new URL('/widget/app.js', workerOrigin)]
  const api = [new URL('/api/v1/summary', workerOrigin)]
  const parsed = policies
    .flatMap((p) => p.split(','))
    .map(parsePolicy)
    .filter((p) => p.size > 0)
  const allows = (directives: string[], targets: URL[], script: boolean) =>
    parsed.every((policy) => {
      const sources = governing(policy, directives)
      return sources === null || listAllows(sources, targets, page, script)
    })
  return {
    script: allows(['script-src-elem', 'script-src', 'default-src'], scripts, true),
    connect: allows(['connect-src', 'default-src'], api, false),
  }
}
