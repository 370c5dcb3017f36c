import { createRoute, type RouteHandler } from '@hono/zod-openapi'
import type { TokenScope } from '../../auth/token'
import type { OpdCategory } from '../../domain/regions/opd-categories'
import { isWithin } from '../../domain/regions/regions'
import type { AppEnv } from '../../env'
import { siteDirectory } from '../../storage/sites'
import { access, errors, ok, RESTRICTED } from '../operation'
import { ANSWERS } from '../schemas'

/**
 * Who the token speaks for and the sites and OPDs it may read (an addition to
 * docs/contract.md §5): the dashboard's sign-in check and navigation.
 */
export const scope = createRoute({
  method: 'get',
  path: '/scope',
  tags: ['Statistics'],
  summary: 'Who the token speaks for, and the sites and OPDs it reads',
  ...access('token'),
  responses: { 200: ok(ANSWERS.Scope), ...errors(...RESTRICTED) },
})

export const scopeHandler: RouteHandler<typeof scope, AppEnv> = async (c) => {
  const token = c.var.token
  const directory = await siteDirectory(c.var.db, token.site ?? undefined)
  return c.json({ token, sites: scopeSites(token, directory) }, 200)
}

type Directory = Awaited<ReturnType<typeof siteDirectory>>

/** The directory's sites the token reads, with the OPDs it reads; origins for admins only. */
function scopeSites(token: TokenScope, directory: Directory) {
  return directory
    .filter(
      (s) =>
        token.role !== 'provinsi' || (token.region !== null && isWithin(s.region, token.region)),
    )
    .map((s) => ({
      id: s.id,
      name: s.name,
      region: s.region,
      region_name: s.region_name,
      province: s.province,
      ...(token.role === 'admin' ? { origins: s.origins } : {}),
      opds: (token.opd === null ? s.opds : s.opds.filter((o) => o.slug === token.opd)).map(
        // The column is only ever written from the category keys (storage/sites.ts).
        (o) => ({ ...o, category: o.category as OpdCategory }),
      ),
    }))
}
