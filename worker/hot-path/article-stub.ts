import type { Db } from '../db/client'
import { jakartaDay } from '../domain/days'
import type { Summary } from '../domain/summary'
import type { Env } from '../env'
import { readSummary, summaryFromRow } from '../storage/articles'
import { articleAnswered } from '../storage/comments'
import { answerable } from '../routes/site-request'

/**
 * The widget's endpoints go through the article's object unless `HOT_PATH = "d1"` (wrangler.toml
 * [vars]) sends them to D1 directly (docs/operations.md «Where the figures live»).
 */
export function hotPathOn(env: Pick<Env, 'HOT_PATH'>): boolean {
  return env.HOT_PATH !== 'd1'
}

/** The article's Durable Object: one per site and article key, wherever the request lands. */
export function articleObject(env: Env, siteId: string, key: string) {
  return env.ARTICLES.get(env.ARTICLES.idFromName(`${siteId}\u0000${key}`))
}

/**
 * Before a D1 read that needs the article's answers (an admin's view of one article): on the
 * object path, the article's waiting changes go to D1 first.
 */
export async function flushFirst(env: Env, siteId: string, key: string): Promise<void> {
  if (hotPathOn(env)) await articleObject(env, siteId, key).flush()
}

/**
 * flushFirst for a reader's comment or reasons, which need the reader's response. Only an
 * article readers could answer (answerable) may have one waiting in its object: a request about
 * any other asks no object. An object asked about an article nobody answered stores nothing.
 */
export async function flushReaderFirst(
  env: Env,
  db: Db,
  siteId: string,
  key: string,
): Promise<void> {
  if (
    hotPathOn(env) &&
    (await answerable(db, siteId, key)) &&
    (await articleAnswered(db, siteId, key))
  )
    await articleObject(env, siteId, key).flush()
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
  if (!hotPathOn(env) || !(await answerable(db, siteId, article)))
    return readSummary(db, siteId, article, reader, opd)
  const row = await articleObject(env, siteId, article).summary({
    siteId,
    key: article,
    opd: opd ?? '',
    day: jakartaDay(Date.now()),
    reader,
  })
  return summaryFromRow(siteId, article, row, opd)
}

/** How many article objects an admin change asks at once. */
const OBJECTS_AT_ONCE = 16

/**
 * An admin's change of articles in D1 (an OPD deleted or merged, an article moved or retitled):
 * on the object path their objects flush what waits before it, so D1 is whole when it
 * changes, and read D1 again after it, so they serve what D1 now holds.
 */
export async function changeArticles<T>(
  env: Env,
  siteId: string,
  keys: string[],
  change: () => Promise<T>,
): Promise<T> {
  if (!hotPathOn(env)) return change()
  const each = async (call: (key: string) => Promise<void>) => {
    for (let i = 0; i < keys.length; i += OBJECTS_AT_ONCE)
      await Promise.all(keys.slice(i, i + OBJECTS_AT_ONCE).map(call))
  }
  await each((key) => articleObject(env, siteId, key).flush())
  const result = await change()
  await each((key) => articleObject(env, siteId, key).reread())
  return result
}
