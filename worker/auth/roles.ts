export const ROLES = ['admin', 'kominfo', 'opd'] as const
export type Role = (typeof ROLES)[number]

/** Who a bearer token speaks for. `site`/`opd` are set only for an `opd` token. */
export interface TokenScope {
  id: string
  role: Role
  site: string | null
  opd: string | null
  label: string
}
