import type { Env } from '../env'

/** `HOT_PATH=object` (wrangler.toml [vars]): the widget's endpoints go through the article's object. */
export function hotPathOn(env: Pick<Env, 'HOT_PATH'>): boolean {
  return env.HOT_PATH === 'object'
}

/** The article's Durable Object: one per site and article key, wherever the request lands. */
export function articleObject(env: Env, siteId: string, key: string) {
  return env.ARTICLES.get(env.ARTICLES.idFromName(`${siteId}\u0000${key}`))
}
