import { requestHashes, responseGuard, tooManyToday, viewGuard } from '../abuse/guards'
import { looksScripted } from '../abuse/limits'
import type { Db } from '../db/client'
import { jakartaDay } from '../domain/calendar/days'
import type { RatingValue } from '../domain/figures/rating-scale'
import type { Summary } from '../domain/figures/summary'
import type { Env } from '../env'
import { guardKeys } from '../storage/address-guard'
import { readSummary, summaryFromRow } from '../storage/articles'
import { articleAnswered } from '../storage/comments'
import { answerable, articleRefFor, type PublicArticleBody, requestSite } from './request-article'

// One article's operations, for every route that speaks of one (the widget's endpoints, the
// no-script page, the admin's changes): plain inputs, no Hono context, one vote engine, the
// article's Durable Object (article-object.ts). D1 is its record, fed by the object's flushes.

/** The article's Durable Object: one per site and article key, wherever the request lands. */
export function articleObject(env: Env, siteId: string, key: string) {
  return env.ARTICLES.get(env.ARTICLES.idFromName(`${siteId}\u0000${key}`))
}

/**
 * Before a D1 read that needs the article's answers (an admin's view of one article): the
 * article's waiting changes go to D1 first.
 */
export async function flushFirst(env: Env, siteId: string, key: string): Promise<void> {
  await articleObject(env, siteId, key).flush()
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
  if ((await answerable(db, siteId, key)) && (await articleAnswered(db, siteId, key)))
    await articleObject(env, siteId, key).flush()
}

/**
 * The summary a reader sees (with `yours` when a reader is named): live from the article's
 * object, or from D1 for a key no reader could answer (which then asks no object). The
 * widget's GET, a dropped scripted answer and the no-script page all read it here.
 */
export async function summary(
  env: Env,
  db: Db,
  siteId: string,
  article: string,
  reader: string | null,
  opd: string | null,
): Promise<Summary> {
  if (!(await answerable(db, siteId, article))) return readSummary(db, siteId, article, reader, opd)
  const row = await articleObject(env, siteId, article).summary({
    siteId,
    key: article,
    opd: opd ?? '',
    day: jakartaDay(Date.now()),
    reader,
  })
  return summaryFromRow(siteId, article, row, opd)
}

/** A request about one article, once its body is validated. */
interface ArticleRequest<Body extends PublicArticleBody> {
  /** The site of the request's Origin; null without one (then the body names it). */
  originSite: string | null
  body: Body
  /** The request's headers: its address, hashed for the abuse bounds, never stored. */
  headers: Headers
}

export type VoteBody = PublicArticleBody & {
  reader: string
  rating: RatingValue
  hp?: string
  elapsed_ms?: number
}

/**
 * One reader's answer under every rule of the API, for the widget's POST and the no-script
 * form alike: the site the request speaks for, scripted answers dropped (the script sees what a
 * person would, and nothing is stored), the article's origin, the OPD's first use within its
 * caps, the abuse bounds, then the article's object. Returns the site and the summary after it.
 */
export async function vote(
  env: Env,
  db: Db,
  { originSite, body, headers }: ArticleRequest<VoteBody>,
): Promise<{ site: string; summary: Summary }> {
  const site = await requestSite(db, originSite, body.site)
  if (looksScripted(body)) {
    const seen = await summary(env, db, site, body.article, null, body.opd)
    return { site, summary: { ...seen, yours: body.rating } }
  }
  const now = Date.now()
  const day = jakartaDay(now)
  const hashes = await requestHashes(env, db, headers, day)
  const ref = await articleRefFor(env, db, site, body, hashes, now, day)
  const guard = responseGuard(hashes)
  const row = await articleObject(env, site, ref.key).vote({
    ...ref,
    reader: body.reader,
    rating: body.rating,
    nowMs: now,
    day,
    guard,
    keys: guard && (await guardKeys(guard, site, ref.key)),
  })
  if (!row || row.yours === null) throw tooManyToday(now, 'answers')
  return { site, summary: summaryFromRow(site, ref.key, row) }
}

type ViewRequest = ArticleRequest<PublicArticleBody & { reader: string }>

/** A view's event for the article's object: the site, the article's ref, the abuse bounds. */
async function viewEvent(env: Env, db: Db, { originSite, body, headers }: ViewRequest) {
  const site = await requestSite(db, originSite, body.site)
  const now = Date.now()
  const day = jakartaDay(now)
  const hashes = await requestHashes(env, db, headers, day)
  const ref = await articleRefFor(env, db, site, body, hashes, now, day)
  const guard = viewGuard(hashes)
  return {
    ...ref,
    reader: body.reader,
    nowMs: now,
    day,
    guard,
    keys: guard && (await guardKeys(guard, site, ref.key)),
  }
}

/** A reader's view, counted once per reader, article and Asia/Jakarta day, within the bounds. */
export async function view(env: Env, db: Db, request: ViewRequest): Promise<void> {
  const event = await viewEvent(env, db, request)
  const counted = await articleObject(env, event.siteId, event.key).view(event)
  if (!counted) throw tooManyToday(event.nowMs, 'views')
}

/**
 * A page view (docs/contract.md §12): the view counted under view()'s rules and the summary
 * with `yours`, in one call to the article's object. A view the abuse bound refuses is not
 * counted, and the reader still gets the figures, as GET /summary would give them.
 */
export async function visit(env: Env, db: Db, request: ViewRequest): Promise<Summary> {
  const event = await viewEvent(env, db, request)
  const { row } = await articleObject(env, event.siteId, event.key).visit(event)
  return summaryFromRow(event.siteId, event.key, row, event.opd)
}

/**
 * The admin's exclusion of an article's flagged answers: the object holds the answers, so it
 * excludes them, then flushes, so the answer and D1 agree when this returns.
 */
export async function excludeFlagged(
  env: Env,
  site: string,
  article: string,
): Promise<{ excluded: number; summary: Summary }> {
  const object = articleObject(env, site, article)
  const event = { siteId: site, key: article, opd: '', day: jakartaDay(Date.now()) }
  const excluded = await object.excludeFlagged(event)
  await object.flush()
  const row = await object.summary({ ...event, reader: null })
  return { excluded, summary: summaryFromRow(site, article, row) }
}

/** How many article objects an admin change asks at once. */
const OBJECTS_AT_ONCE = 16

/**
 * An admin's change of articles in D1 (an OPD deleted or merged, an article moved or retitled):
 * their objects flush what waits before it, so D1 is whole when it changes, and read D1
 * again after it, so they serve what D1 now holds.
 */
export async function changeArticles<T>(
  env: Env,
  siteId: string,
  keys: string[],
  change: () => Promise<T>,
): Promise<T> {
  const each = async (call: (key: string) => Promise<void>) => {
    for (let i = 0; i < keys.length; i += OBJECTS_AT_ONCE)
      await Promise.all(keys.slice(i, i + OBJECTS_AT_ONCE).map(call))
  }
  await each((key) => articleObject(env, siteId, key).flush())
  const result = await change()
  await each((key) => articleObject(env, siteId, key).reread())
  return result
}
