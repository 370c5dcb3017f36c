import { suggestCategory } from '../domain/regions/opd-categories'
import { RATING_KEYS, RATINGS, type RatingValue } from '../domain/figures/rating-scale'
import { RESPONSE_RETENTION_DAYS, retiredMarkHash } from './retention'
import { type Counter, COUNTERS, type CounterSums } from '../db/sql'

// What an article's Durable Object (worker/hot-path/article-object/) reads from D1 once in
// its life, and the one batch a flush writes. Raw D1 statements: the rows travel as one JSON
// parameter each (json_each), so a statement binds a handful of parameters whatever the number
// of rows (D1 allows 100 per statement) and compiles the same whatever that number.

/** One reader's current answer, as the object holds it and D1 stores it. */
export interface AnswerRow {
  reader: string
  rating: RatingValue
  day: string
  answered_at: number
  flagged: number
}

/** A day's change of an article's counters since the last flush (negative when answers moved). */
export type DayDelta = CounterSums & { day: string }

/**
 * A retired response whose reader answered again, as the object knows it. The flush takes
 * the mark of every reader it writes off D1 whatever the object knew (flushStatements).
 */
interface Unretired {
  reader_hash: string
  rating: RatingValue
}

interface ArticleIdentity {
  siteId: string
  key: string
  opd: string
  title: string | null
  firstSeenAt: number
}

export interface Flush {
  /** The object's flush sequence: D1 applies each number once (articles.flush_seq). */
  seq: number
  article: ArticleIdentity
  /** The sum of `days`: the article's counters move by exactly what its days do. */
  total: CounterSums
  days: DayDelta[]
  answers: AnswerRow[]
  unretired: Unretired[]
  /** Readers whose flagged answers an admin excluded: marked spam after their upsert. */
  spam: string[]
}

/** Rows of one JSON parameter: ~100 bytes each, well inside D1's statement and value sizes. */
const ROWS_PER_STATEMENT = 1_000

const DAY_MS = 86_400_000
/**
 * The object retires an answer this many days before D1's retention job does, so a reader
 * answering again finds their old answer retired in both or in neither's way (the flush
 * takes off only the retired marks D1 holds).
 */
const RETIRE_EARLIER_DAYS = 2

/** Answers before this instant are retired in an article's object (spam ones forgotten). */
export function objectRetiresBefore(nowMs: number): number {
  return nowMs - (RESPONSE_RETENTION_DAYS - RETIRE_EARLIER_DAYS) * DAY_MS
}

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT)
    out.push(rows.slice(i, i + ROWS_PER_STATEMENT))
  return out
}

// Every statement but the last applies only while D1 has not yet seen this flush's number;
// the last one records it. A flush retried after a commit whose acknowledgement was lost
// therefore changes nothing, and a flush that fails half way is rolled back whole (a batch is
// one transaction).
const ARTICLE = 'a.site_id = ?1 AND a.key = ?2 AND a.flush_seq < ?3'
const ADD_COUNTERS = COUNTERS.map((k) => `${k} = ${k} + excluded.${k}`).join(', ')
/** A counter of a day's JSON row, `[day, ...COUNTERS]`. */
const dayValue = (k: Counter) => `j.value ->> ${COUNTERS.indexOf(k) + 1}`
const DAY_COLUMNS = COUNTERS.map(dayValue).join(', ')
// ?5 is the flush's time; a Jakarta day (UTC+7) ends at 17:00 UTC of its date.
const SEEN_BY = `min(?5, (unixepoch(j.value ->> 0) + 61200) * 1000 - 1)`
const ANSWERED = RATING_KEYS.map((k) => `${dayValue(k)} > 0`).join(' OR ')

/** The flush as one D1 batch: responses, the article's days, its OPD's days, its counters. */
async function flushStatements(d1: D1Database, flush: Flush): Promise<D1PreparedStatement[]> {
  const { article, seq } = flush
  const now = Date.now()
  const at = (sql: string, ...params: unknown[]) =>
    d1.prepare(sql).bind(article.siteId, article.key, seq, ...params)
  const statements = [
    // An admin may have merged or deleted the article's OPD between its first request and this
    // first flush, when D1 did not know the article yet and the change could not move it: the
    // slug comes back, as a page still embedding it would bring it back, so no count sits
    // under an OPD the site does not list. Once the article is in D1, its OPD is D1's.
    d1
      .prepare(
        `INSERT INTO opds (site_id, slug, created_at, category) SELECT ?1, ?2, ?3, ?5
        WHERE NOT EXISTS (SELECT 1 FROM articles WHERE site_id = ?1 AND key = ?4)
        ON CONFLICT DO NOTHING`,
      )
      .bind(article.siteId, article.opd, now, article.key, suggestCategory(null, article.opd)),
    // Made on first flush with the OPD and title of its first request, as on the D1 path.
    d1
      .prepare(
        `INSERT INTO articles (site_id, opd, key, title, first_seen_at) VALUES (?1, ?2, ?3, ?4, ?5)
        ON CONFLICT (site_id, key) DO UPDATE SET title = coalesce(articles.title, excluded.title)
        WHERE articles.title IS NULL AND excluded.title IS NOT NULL`,
      )
      .bind(article.siteId, article.opd, article.key, article.title, article.firstSeenAt),
  ]
  if (flush.days.length > 0) {
    const days = JSON.stringify(flush.days.map((d) => [d.day, ...COUNTERS.map((k) => d[k])]))
    statements.push(
      at(
        `INSERT INTO article_days (article_id, day, ${COUNTERS.join(', ')})
        SELECT a.id, j.value ->> 0, ${DAY_COLUMNS} FROM articles a, json_each(?4) j WHERE ${ARTICLE}
        ON CONFLICT (article_id, day) DO UPDATE SET ${ADD_COUNTERS}`,
        days,
      ),
      // The OPD's days count under the article's own OPD in D1 (an admin may have moved it).
      // Embed health's last view and answer (storage/embed-health.ts) are the flush's time,
      // at most one flush interval late, and never past the end of the day they are for.
      at(
        `INSERT INTO opd_days (site_id, opd, day, ${COUNTERS.join(', ')}, last_view_at, last_response_at)
        SELECT a.site_id, a.opd, j.value ->> 0, ${DAY_COLUMNS},
          CASE WHEN ${dayValue('views')} > 0 THEN ${SEEN_BY} END,
          CASE WHEN ${ANSWERED} THEN ${SEEN_BY} END
        FROM articles a, json_each(?4) j
        WHERE ${ARTICLE}
        ON CONFLICT (site_id, opd, day) DO UPDATE SET ${ADD_COUNTERS},
          last_view_at = coalesce(max(opd_days.last_view_at, excluded.last_view_at),
            opd_days.last_view_at, excluded.last_view_at),
          last_response_at = coalesce(max(opd_days.last_response_at, excluded.last_response_at),
            opd_days.last_response_at, excluded.last_response_at)`,
        days,
        now,
      ),
    )
  }
  for (const rows of chunks(flush.answers)) {
    const json = JSON.stringify(
      rows.map((r) => [r.reader, r.rating, r.day, r.answered_at, r.flagged]),
    )
    // An excluded answer stays excluded, unless it is past the object's retention: the object
    // forgot it then, two days before D1's job deletes it, and counted the reader's new
    // answer as a new reader's, which D1 must store to count it too.
    statements.push(
      at(
        `INSERT INTO responses (article_id, reader, rating, day, answered_at, flagged)
        SELECT a.id, j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4
        FROM articles a, json_each(?4) j WHERE ${ARTICLE}
        ON CONFLICT (article_id, reader) DO UPDATE
        SET rating = excluded.rating, day = excluded.day, answered_at = excluded.answered_at,
          flagged = CASE WHEN responses.spam = 0 THEN responses.flagged ELSE excluded.flagged END,
          spam = 0
        WHERE responses.spam = 0 OR responses.answered_at < ?5`,
        json,
        objectRetiresBefore(now),
      ),
    )
  }
  if (flush.spam.length > 0) {
    statements.push(
      at(
        `UPDATE responses SET spam = 1
        WHERE article_id = (SELECT a.id FROM articles a WHERE ${ARTICLE})
        AND reader IN (SELECT value FROM json_each(?4))`,
        JSON.stringify(flush.spam),
      ),
    )
  }
  // Every reader written loses their retired mark, not only those the object knew retired: D1's
  // job may have retired an answer the object still took for live (seeded before its first
  // daily alarm), whose rating the flush's days take off as a changed answer's. Only the marks
  // D1 still holds come off, so the totals move by exactly the marks deleted, in either order
  // of this flush and that job.
  const written = await Promise.all(
    flush.answers.map((r) => retiredMarkHash(article.siteId, article.key, r.reader)),
  )
  const unretired = [...new Set([...flush.unretired.map((u) => u.reader_hash), ...written])]
  for (const rows of chunks(unretired)) {
    const marks = `FROM retired_marks m WHERE m.article_id = a.id
      AND m.reader_hash IN (SELECT value FROM json_each(?4))`
    const off = RATINGS.map(
      (r) =>
        `${r.key} = retired_responses.${r.key} - (SELECT count(*) ${marks} AND m.rating = ${r.value})`,
    ).join(', ')
    const hashes = JSON.stringify(rows)
    statements.push(
      at(
        `UPDATE retired_responses SET ${off} FROM articles a
        WHERE retired_responses.article_id = a.id AND ${ARTICLE}`,
        hashes,
      ),
      at(
        `DELETE FROM retired_marks WHERE article_id = (SELECT a.id FROM articles a WHERE ${ARTICLE})
        AND reader_hash IN (SELECT value FROM json_each(?4))`,
        hashes,
      ),
    )
  }
  statements.push(
    at(
      `UPDATE articles AS a SET ${COUNTERS.map((k, i) => `${k} = ${k} + ?${i + 4}`).join(', ')},
        flush_seq = ?3 WHERE ${ARTICLE}`,
      ...COUNTERS.map((k) => flush.total[k]),
    ),
  )
  return statements
}

/** Writes one flush to D1 (one transaction); applying the same `seq` again changes nothing. */
export async function writeFlush(d1: D1Database, flush: Flush): Promise<void> {
  await d1.batch(await flushStatements(d1, flush))
}

/** What D1 holds of one article, for its object's one seeding. */
export interface ArticleSeed {
  article:
    | (CounterSums & {
        opd: string
        title: string | null
        first_seen_at: number
        flush_seq: number
      })
    | null
  answers: (AnswerRow & { spam: number })[]
  retired: { reader_hash: string; rating: RatingValue; day: string }[]
  /** Readers already counted as a view of the article today. */
  viewedToday: string[]
}

/**
 * One read of everything D1 holds of an article: its row, its readers' answers, today's views;
 * as the object keeps them (retiredAtOnce).
 */
export async function readArticleSeed(
  d1: D1Database,
  siteId: string,
  key: string,
  day: string,
): Promise<ArticleSeed> {
  const id = '(SELECT id FROM articles WHERE site_id = ?1 AND key = ?2)'
  const [article, answers, retired, views] = await d1.batch([
    d1
      .prepare(
        `SELECT opd, title, first_seen_at, flush_seq, ${COUNTERS.join(', ')}
        FROM articles WHERE site_id = ?1 AND key = ?2`,
      )
      .bind(siteId, key),
    d1
      .prepare(
        `SELECT reader, rating, day, answered_at, flagged, spam FROM responses WHERE article_id = ${id}`,
      )
      .bind(siteId, key),
    d1
      .prepare(`SELECT reader_hash, rating, day FROM retired_marks WHERE article_id = ${id}`)
      .bind(siteId, key),
    d1
      .prepare(`SELECT reader FROM view_marks WHERE article_id = ${id} AND day = ?3`)
      .bind(siteId, key, day),
  ])
  return retiredAtOnce(siteId, key, {
    article: (article.results[0] as ArticleSeed['article']) ?? null,
    answers: answers.results as ArticleSeed['answers'],
    retired: retired.results as ArticleSeed['retired'],
    viewedToday: (views.results as { reader: string }[]).map((r) => r.reader),
  })
}

/**
 * The seed with the answers past the object's retention retired (spam ones forgotten), as
 * its daily alarm would retire them: an object seeded, or seeded again after tidying or an
 * admin's change, never holds as live an answer that D1's job may retire before that alarm.
 * A mark D1 kept beside a reader's live answer (left by that race before flushes carried
 * every reader's mark) gives way to the answer's.
 */
async function retiredAtOnce(siteId: string, key: string, seed: ArticleSeed) {
  const cutoff = objectRetiresBefore(Date.now())
  const old = seed.answers.filter((a) => a.answered_at < cutoff)
  if (old.length === 0) return seed
  const marks = new Map(seed.retired.map((m) => [m.reader_hash, m]))
  for (const a of old)
    if (!a.spam) {
      const reader_hash = await retiredMarkHash(siteId, key, a.reader)
      marks.set(reader_hash, { reader_hash, rating: a.rating, day: a.day })
    }
  return {
    ...seed,
    answers: seed.answers.filter((a) => a.answered_at >= cutoff),
    retired: [...marks.values()],
  }
}
