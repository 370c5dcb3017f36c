import { sql } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import type { RatingValue } from '../domain/rating-scale'
import {
  type AddressGuard,
  articleAllowed,
  attempts,
  countAttempts,
  guardKeys,
  readerAllowed,
} from './address-guard'
import {
  articleExists,
  articleId,
  type ArticleRef,
  type CounterRow,
  ensureArticle,
  moveRating,
  RATING_COLUMNS,
  ratingOnes,
  summaryRowQuery,
} from './articles'
import { retiredMarkHash } from './retention'

const delta = (r: unknown) => moveRating(r, '+')
const undo = (r: unknown) => moveRating(r, '-')

export interface ResponseGuard extends AddressGuard {
  /** Past this many attempts on the article, a new reader's response is stored flagged. */
  flagAfter: number
  /** Past this many new readers on the site from the network, flagged too. */
  siteFlagAfter: number
  /** Past this many new article keys on the site from the network, flagged too. */
  articleFlagAfter: number
}

/**
 * Records a reader's answer and moves the counters it affects, in one D1 batch (one
 * transaction, one round trip), so counters can never drift from the stored responses.
 *
 * Every statement decides from the stored response itself, inside the transaction, whether
 * it applies: the old answer is taken off its article and day only when it differs, the new
 * one added only when it is new. The same request twice, or two at once, changes nothing
 * more than one. A changed answer moves to today's roll-ups, so the days of an article
 * (and of its OPD) always add up to its counters. A response an admin excluded as spam stays out: its
 * reader's later answers change nothing. With a guard, a new reader past the address's
 * bound (per article, per site, or on new article keys) changes nothing either; the returned
 * row then has no `yours`, or there is no row when the article itself was refused.
 */
export async function recordResponse(
  db: Db,
  ref: ArticleRef,
  reader: string,
  rating: RatingValue,
  nowMs: number,
  day: string,
  guard: ResponseGuard | null,
): Promise<CounterRow | undefined> {
  const id = articleId(ref)
  const keys = guard ? await guardKeys(guard, ref.siteId, ref.key) : null
  const mine = sql`FROM responses WHERE article_id = ${id} AND reader = ${reader}`
  const known = sql`EXISTS (SELECT 1 ${mine})`
  const unchanged = sql`SELECT 1 ${mine} AND (rating = ${rating} OR spam = 1)`
  const exists = articleExists(ref)
  const allowed =
    guard && keys
      ? sql`(${id} IS NOT NULL AND (${known} OR ${readerAllowed(guard, keys, day)}))`
      : sql`1`
  const flagged =
    guard && keys
      ? sql`(${attempts(keys.article, day)} > ${guard.flagAfter}
      OR ${attempts(keys.site, day)} > ${guard.siteFlagAfter}
      OR ${attempts(keys.newArticle, day)} > ${guard.articleFlagAfter})`
      : sql`0`
  // A reader whose response the retention job retired answers like one who changed their
  // answer: the retired rating comes off too (never both a response and a mark exist).
  const retired = sql`FROM retired_marks WHERE article_id = ${id}
    AND reader_hash = ${await retiredMarkHash(ref.siteId, ref.key, reader)} AND ${allowed}`
  const previous = sql`SELECT rating, day ${mine} AND spam = 0 AND rating <> ${rating}
    UNION ALL SELECT rating, day ${retired}`
  const old = sql`old.rating`
  // The OPD roll-up counts under the article's own OPD (its first one), not the request's.
  const opd = sql`(SELECT opd FROM articles WHERE id = ${id})`

  const results = await batch<CounterRow>(db, [
    ...(guard && keys
      ? [
          countAttempts(keys, day, sql`NOT ${known}`, sql`NOT ${exists}`),
          ensureArticle(ref, nowMs, articleAllowed(guard, keys, day, exists)),
        ]
      : [ensureArticle(ref, nowMs)]),
    sql`UPDATE articles SET ${undo(old)}
      FROM (${previous}) AS old WHERE articles.id = ${id}`,
    sql`UPDATE article_days SET ${undo(old)}
      FROM (${previous}) AS old WHERE article_days.article_id = ${id} AND article_days.day = old.day`,
    sql`UPDATE opd_days SET ${undo(old)}
      FROM (${previous}) AS old
      WHERE opd_days.site_id = ${ref.siteId} AND opd_days.opd = ${opd} AND opd_days.day = old.day`,
    sql`UPDATE retired_responses SET ${undo(old)}
      FROM (SELECT rating ${retired}) AS old WHERE retired_responses.article_id = ${id}`,
    sql`DELETE ${retired}`,
    sql`UPDATE articles SET ${delta(rating)}
      WHERE id = ${id} AND NOT EXISTS (${unchanged}) AND ${allowed}`,
    sql`INSERT INTO article_days (article_id, day, ${RATING_COLUMNS})
      SELECT ${id}, ${day}, ${ratingOnes(rating)}
      WHERE NOT EXISTS (${unchanged}) AND ${allowed}
      ON CONFLICT (article_id, day) DO UPDATE SET ${delta(rating)}`,
    sql`INSERT INTO opd_days (site_id, opd, day, ${RATING_COLUMNS}, last_response_at)
      SELECT ${ref.siteId}, ${opd}, ${day}, ${ratingOnes(rating)}, ${nowMs}
      WHERE NOT EXISTS (${unchanged}) AND ${allowed}
      ON CONFLICT (site_id, opd, day) DO UPDATE SET ${delta(rating)}, last_response_at = excluded.last_response_at`,
    sql`INSERT INTO responses (article_id, reader, rating, day, answered_at, flagged)
      SELECT ${id}, ${reader}, ${rating}, ${day}, ${nowMs}, ${flagged} WHERE ${allowed}
      ON CONFLICT (article_id, reader) DO UPDATE
      SET rating = excluded.rating, day = excluded.day, answered_at = excluded.answered_at
      WHERE responses.rating <> excluded.rating AND responses.spam = 0`,
    summaryRowQuery(ref.siteId, ref.key, reader),
  ])
  return results[results.length - 1].results[0]
}
