import type { Db } from '../db/client'
import { jakartaDay } from '../domain/days'
import type { Summary } from '../domain/summary'
import type { Env } from '../env'
import { readSummary, summaryFromRow } from '../storage/articles'

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

/**
 * The summary a reader sees (with `yours` when a reader is named): live from the article's
 * object on the object path, from D1 otherwise. The widget's GET, a dropped scripted answer
 * and the no-script page all read it here.
 */
export async function liveSummary(
  env: Env,
  db: Db,
  siteId: string,
  article: string,
  reader: string | null,
  opd: string | null,
): Promise<Summary> {
  if (!hotPathOn(env)) return readSummary(db, siteId, article, reader, opd)
  const row = await articleObject(env, siteId, article).summary({
    siteId,
    key: article,
    opd: opd ?? '',
    day: jakartaDay(Date.now()),
    reader,
  })
  return summaryFromRow(siteId, article, row, opd)
}
