import { isWithin } from '../domain/regions/regions'
import { apiError } from '../errors'
import { randomHex, sha256Hex } from '../domain/crypto'

// Bearer tokens: 32 random bytes (256 bits) behind a readable prefix. Only the SHA-256 of
// the whole token is stored; with that much entropy a plain hash is enough (no salt or slow
// hash is needed: there is nothing to guess). Web Crypto only, so the Worker and the Node
// token command share this file.

const PREFIX = 'tgp_'

function base64url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '')
}

export function hashToken(token: string): Promise<string> {
  return sha256Hex(token)
}

export interface MintedToken {
  /** Public id, for listing and revoking; reveals nothing of the secret. */
  id: string
  /** The bearer token, shown once. */
  token: string
  hash: string
}

export async function mintToken(): Promise<MintedToken> {
  const token = PREFIX + base64url(crypto.getRandomValues(new Uint8Array(32)))
  const id = 'tok_' + randomHex(8)
  return { id, token, hash: await hashToken(token) }
}

export const ROLES = ['admin', 'kominfo', 'opd', 'provinsi'] as const
export type Role = (typeof ROLES)[number]

/**
 * Who a bearer token speaks for. `site`/`opd` are set only for an `opd` token, `region` (a
 * province code) only for a `provinsi` token.
 */
export interface TokenScope {
  id: string
  role: Role
  site: string | null
  opd: string | null
  region: string | null
  label: string
}

export interface ScopeFilter {
  site?: string
  opd?: string
  /** A region code: only sites in that province or kabupaten/kota. */
  region?: string
}

/**
 * The site/OPD/region filter a statistics request may use. `admin` and `kominfo` read everything.
 * An `opd` token reads its own site (and OPD, if it names one): an unnamed site or OPD
 * narrows to its own, another one is 403 `out_of_scope`.
 */
export function scopedFilter(scope: TokenScope, requested: ScopeFilter): ScopeFilter {
  if (scope.role === 'provinsi')
    return { ...requested, region: provinceNarrow(scope, requested.region) }
  if (scope.role !== 'opd') return requested
  const site = narrow('site', scope.site, requested.site)
  const opd = narrow('opd', scope.opd, requested.opd)
  return { region: requested.region, site, opd }
}

function narrow(what: 'site' | 'opd', own: string | null, asked: string | undefined) {
  if (own === null) return asked
  if (asked !== undefined && asked !== own) {
    throw apiError('out_of_scope', `This token may read only ${what} ${own}`)
  }
  return own
}

/**
 * A `provinsi` token reads its province or one kabupaten/kota in it: an unnamed region
 * narrows to the province, another province's is 403 `out_of_scope`. A token without a
 * region (which the API never makes) reads nothing rather than everything.
 */
function provinceNarrow(scope: TokenScope, asked: string | undefined): string {
  const own = scope.region
  if (own === null) throw apiError('out_of_scope', 'This provinsi token names no province')
  if (asked === undefined) return own
  if (!isWithin(asked, own))
    throw apiError('out_of_scope', `This token may read only province ${own}`)
  return asked
}

/**
 * Whether a token may see one OPD of one site (e.g. an article it is asked about). A
 * `provinsi` token needs the site's region to decide; without it the answer is no.
 */
export function inScope(
  scope: TokenScope,
  site: string,
  opd: string,
  siteRegion?: string | null,
): boolean {
  if (scope.role === 'provinsi')
    return scope.region !== null && isWithin(siteRegion ?? null, scope.region)
  if (scope.role !== 'opd') return true
  return (scope.site === null || scope.site === site) && (scope.opd === null || scope.opd === opd)
}

export function requireAdmin(scope: TokenScope): void {
  if (scope.role !== 'admin') throw apiError('forbidden', 'Only an admin token may do this')
}

/**
 * Compares two strings in time that depends only on their lengths, not on where they first
 * differ, so a response time cannot leak a stored hash character by character.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a)
  const y = new TextEncoder().encode(b)
  let diff = x.length ^ y.length
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0)
  return diff === 0
}
