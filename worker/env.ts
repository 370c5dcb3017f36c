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
}

export type AppEnv = { Bindings: Env }
