import { isWithin } from '../domain/regions'
import { ApiError } from '../errors'
import type { TokenScope } from './roles'

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
  if (scope.role === 'provinsi') return { ...requested, region: provinceNarrow(scope, requested.region) }
  if (scope.role !== 'opd') return requested
  const site = narrow('site', scope.site, requested.site)
  const opd = narrow('opd', scope.opd, requested.opd)
  return { region: requested.region, site, opd }
}

function narrow(what: 'site' | 'opd', own: string | null, asked: string | undefined) {
  if (own === null) return asked
  if (asked !== undefined && asked !== own) {
    throw new ApiError(403, 'out_of_scope', `This token may read only ${what} ${own}`)
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
  if (own === null) throw new ApiError(403, 'out_of_scope', 'This provinsi token names no province')
  if (asked === undefined) return own
  if (!isWithin(asked, own)) throw new ApiError(403, 'out_of_scope', `This token may read only province ${own}`)
  return asked
}

/**
 * Whether a token may see one OPD of one site (e.g. an article it is asked about). A
 * `provinsi` token needs the site's region to decide; without it the answer is no.
 */
export function inScope(scope: TokenScope, site: string, opd: string, siteRegion?: string | null): boolean {
  if (scope.role === 'provinsi') return scope.region !== null && isWithin(siteRegion ?? null, scope.region)
  if (scope.role !== 'opd') return true
  return (scope.site === null || scope.site === site) && (scope.opd === null || scope.opd === opd)
}

export function requireAdmin(scope: TokenScope): void {
  if (scope.role !== 'admin') throw new ApiError(403, 'forbidden', 'Only an admin token may do this')
}
