import type { Env } from '../env'

/** `HOT_PATH=object` (wrangler.toml [vars]): the widget's endpoints go through the article's object. */
export function hotPathOn(env: Pick<Env, 'HOT_PATH'>): boolean {
  return env.HOT_PATH === 'object'
}

/** The article's Durable Object: one per site and article key, wherever the request lands. */
export function articleObject(env: Env, siteId: string, key: string) {
  return env.ARTICLES.get(env.ARTICLES.idFromName(`${siteId}\u0000${key}`))
}

/**
 * Before a D1 read that needs the reader's response (a comment, reasons, an admin's view of
 * one article): on the object path, the article's waiting changes go to D1 first.
 */
export async function flushFirst(env: Env, siteId: string, key: string): Promise<void> {
  if (hotPathOn(env)) await articleObject(env, siteId, key).flush()
}
