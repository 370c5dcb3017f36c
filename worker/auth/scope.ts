import { apiError } from '../errors'
import type { TokenScope } from './roles'

export interface ScopeFilter {
  site?: string
  opd?: string
}

/**
 * The site/OPD filter a statistics request may use. `admin` and `kominfo` read everything.
 * An `opd` token reads its own site (and OPD, if it names one): an unnamed site or OPD
 * narrows to its own, another one is 403 `out_of_scope`.
 */
export function scopedFilter(scope: TokenScope, requested: ScopeFilter): ScopeFilter {
  if (scope.role !== 'opd') return requested
  const site = narrow('site', scope.site, requested.site)
  const opd = narrow('opd', scope.opd, requested.opd)
  return { site, opd }
}

function narrow(what: 'site' | 'opd', own: string | null, asked: string | undefined) {
  if (own === null) return asked
  if (asked !== undefined && asked !== own) {
    throw apiError('out_of_scope', `This token may read only ${what} ${own}`)
  }
  return own
}

/** Whether a token may see one OPD of one site (e.g. an article it is asked about). */
export function inScope(scope: TokenScope, site: string, opd: string): boolean {
  if (scope.role !== 'opd') return true
  return (scope.site === null || scope.site === site) && (scope.opd === null || scope.opd === opd)
}

export function requireAdmin(scope: TokenScope): void {
  if (scope.role !== 'admin') throw apiError('forbidden', 'Only an admin token may do this')
}
