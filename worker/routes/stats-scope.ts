import { Hono } from 'hono'
import type { AuthVars } from '../auth/bearer'
import { database } from '../db/client'
import type { Env } from '../env'
import { siteDirectory } from '../storage/site-directory'

/**
 * GET /api/v1/stats/scope — who the token speaks for and the sites and OPDs it may read
 * (README addition to CONTRACT §5): the dashboard's sign-in check and navigation. Origins
 * are shown to admins only.
 */
export const statsScopeRoute = new Hono<{ Bindings: Env; Variables: AuthVars }>().get('/', async (c) => {
  const token = c.var.token
  const directory = await siteDirectory(database(c.env.DB), token.site ?? undefined)
  const sites = directory.map((s) => ({
    id: s.id,
    name: s.name,
    ...(token.role === 'admin' ? { origins: s.origins } : {}),
    opds: token.opd === null ? s.opds : s.opds.filter((o) => o.slug === token.opd),
  }))
  return c.json({ token: token, sites })
})
