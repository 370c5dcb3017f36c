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
