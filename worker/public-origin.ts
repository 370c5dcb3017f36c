import type { Env } from './env'

/**
 * The address that links leaving the Worker carry (the embed snippet, open-data URLs). Deployed,
 * it is the custom domain in `PUBLIC_ORIGIN` (wrangler.toml [env.*]): a snippet copied by an
 * admin who reached the dashboard through workers.dev or a preview URL must still point at the
 * domain the sites' CSPs allow and that outlives the Worker's name. Locally, with it unset, the
 * address the request came to.
 */
export function publicOrigin(c: { env: Pick<Env, 'PUBLIC_ORIGIN'>; req: { url: string } }): string {
  const configured = c.env.PUBLIC_ORIGIN
  return new URL(configured || c.req.url).origin
}
