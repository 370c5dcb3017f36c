import { createFactory } from 'hono/factory'
import type { TokenScope } from './auth/token'
import { database, type Db } from './db/client'
import type { ArticleObject } from './hot-path/article-object'
import type { SiteGuardObject } from './hot-path/site-guard-object'

/** The Worker's bindings, typed once (wrangler.toml declares them). */
export interface Env {
  DB: D1Database
  /** Per-address requests a minute to the public endpoints ([[ratelimits]] in wrangler.toml). */
  PUBLIC_RATE_LIMIT: RateLimit
  /** Per-address requests a minute to the restricted API. */
  RESTRICTED_RATE_LIMIT: RateLimit
  /** How many OPDs a site may gain through the public API before 422 `too_many_opds`. */
  MAX_OPDS_PER_SITE?: string
  /** `off` lifts the per-address abuse limits (load tests from one machine). */
  RATE_LIMITS?: string
  /**
   * `on` lets webhooks reach loopback and private addresses (npm start, tests); a deployed
   * Worker leaves it unset and refuses them (docs/webhooks.md).
   */
  ALLOW_LOCAL_ADDRESSES?: string
  /**
   * The deployed Worker's public address, its custom domain (`https://tanggapan.….go.id`, set per
   * environment in wrangler.toml): what embed snippets and open-data URLs carry, whatever
   * address a request came to. Unset locally, where the request's own origin is used.
   */
  PUBLIC_ORIGIN?: string
  /** One object per article: its readers' answers and counters, flushed to D1. */
  ARTICLES: DurableObjectNamespace<ArticleObject>
  /** One object per site: the per-network abuse counts of the hot path. */
  SITE_GUARDS: DurableObjectNamespace<SiteGuardObject>
}

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
