import { createFactory } from 'hono/factory'
import type { TokenScope } from './auth/token'
import { database, type Db } from './db/client'

/**
 * Vars only local runs set (npm start, the tests: `--var`, miniflare bindings); wrangler.toml
 * declares none of them, so a deployed Worker leaves them unset.
 */
export interface LocalVars {
  /** How many OPDs a site may gain through the public API before 422 `too_many_opds`. */
  MAX_OPDS_PER_SITE?: string
  /** `off` lifts the per-address abuse limits (load tests from one machine). */
  RATE_LIMITS?: string
  /**
   * `on` lets webhooks reach loopback and private addresses (npm start, tests); a deployed
   * Worker leaves it unset and refuses them (docs/webhooks.md).
   */
  ALLOW_LOCAL_ADDRESSES?: string
}

/**
 * The Worker's bindings: what wrangler.toml declares (documented there), typed by `npm run
 * types` into worker/worker-configuration.d.ts (`Cloudflare.Env`, a global, so this module
 * imports no Durable Object class), and the local vars.
 */
export type Env = Cloudflare.Env & LocalVars

/**
 * What a request carries past the middleware: the one drizzle instance of the request, the
 * site its Origin resolved to (widget endpoints, `publicCors`) and the bearer token's scope
 * (restricted endpoints, `requireToken`). Each is set once, by the middleware named.
 */
export type AppEnv = {
  Bindings: Env
  Variables: { db: Db; originSite: string | null; token: TokenScope }
}

/**
 * Every app and middleware of the Worker comes from here. `initApp` gives each request its
 * drizzle instance; sub-apps run it too, so it keeps the one the root app made.
 */
export const factory = createFactory<AppEnv>({
  initApp: (app) => {
    app.use(async (c, next) => {
      if (c.var.db === undefined) c.set('db', database(c.env.DB))
      await next()
    })
  },
})
