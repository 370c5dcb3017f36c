import { type SQL, sql } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import { jakartaDay } from '../domain/calendar/days'
import { sha256Hex } from '../domain/crypto'
import { reasonReaderHash } from '../domain/comments/reason-reader-hash'

const DAY_MS = 86_400_000

/** How long per-reader rows are kept (docs/privacy-and-retention.md). */
export const RESPONSE_RETENTION_DAYS = 180
/** How long readers' comments are kept (docs/comments.md). */
export const COMMENT_RETENTION_DAYS = 90
/** View marks only de-duplicate within a day; hashed addresses and salts live two days. */
const SHORT_RETENTION_DAYS = 2
/**
 * Rows one retention batch deletes at most. Each batch is its own short transaction, so a
 * national backlog never becomes one transaction that times out and deletes nothing.
 */
const RETENTION_BATCH_ROWS = 5_000
/** A run starts no batch after this long (a cron invocation may run 15 minutes). */
const RETENTION_BUDGET_MS = 10 * 60_000
/**
 * A run starts no batch after this many refused ones: past a few bad rows, D1 failing
 * everything is likelier, and halving batches down to single rows would then cost thousands
 * of round trips for nothing.
 */
const MAX_REFUSED = 10

export interface RetentionOptions {
  batchRows?: number
  /** Rows of one batch of responses (default `batchRows`): each costs the Worker two hashes. */
  responseRows?: number
  /** Stop after this many batches; what is left waits for the next run. */
  maxBatches?: number
  /** Stop after this many batches of responses. */
  maxResponseBatches?: number
  budgetMs?: number
}

export interface RetentionReport {
  salts: number
  viewMarks: number
  rateCounters: number
  commentTextMarks: number
  comments: number
  responses: number
  batches: number
  /** Batches D1 refused (logged and skipped; their rows wait for the next run). */
  failed: number
  /** False when the run stopped at its bound, or skipped rows, with rows still past retention. */
  complete: boolean
}

/**
 * The one-way mark of a reader on an article (retired_marks.reader_hash): SHA-256 of site,
 * article key and reader id, cut to 128 bits. Keyed by the article too, so one reader's marks
 * on two articles do not match each other.
 */
export async function retiredMarkHash(
  siteId: string,
  key: string,
  reader: string,
): Promise<string> {
  return sha256Hex(JSON.stringify([siteId, key, reader]), 16)
}

/**
 * Drops per-reader rows past their retention, in batches of at most `batchRows` rows, and
 * keeps every figure. Salts go first (cheap, and the privacy promise), then the other
 * short-lived rows, comments, and responses. Each batch of responses moves its ratings into
 * `retired_responses`, leaves a `retired_marks` row per response and deletes those readers'
 * reasons in the same transaction, so after any batch, an article's counters equal its
 * responses plus its retired totals, and counters and day roll-ups (reason_days too) are not
 * touched at all. A run that stops half way (its bound, a
 * timeout) leaves consistent data; the next run picks up what is left. A batch D1 refuses is
 * logged and skipped (responses: halved down to the one row it fails on), never the end of
 * the run: one bad row must not keep every other reader's id past its retention.
 */
export async function applyRetention(
  db: Db,
  nowMs: number,
  options: RetentionOptions = {},
): Promise<RetentionReport> {
  const rows = options.batchRows ?? RETENTION_BATCH_ROWS
  const responseRows = options.responseRows ?? rows
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY
  const deadline = Date.now() + (options.budgetMs ?? RETENTION_BUDGET_MS)
  const responseCutoff = nowMs - RESPONSE_RETENTION_DAYS * DAY_MS
  const commentCutoff = nowMs - COMMENT_RETENTION_DAYS * DAY_MS
  // Keep today and yesterday (Asia/Jakarta): "never kept past two days".
  const shortCutoffDay = jakartaDay(nowMs - (SHORT_RETENTION_DAYS - 1) * DAY_MS)

  let batches = 0
  let failed = 0
  let complete = true
  const refused = (what: string, error: unknown) => {
    failed++
    complete = false
    // The error's text only: D1 reports the statement's failure, never its bound values.
    console.error('retention batch failed, skipped', what, String(error))
  }
  /**
   * Runs `step` (one batch of `size` rows, answering rows seen and rows deleted) until a batch
   * is short, or `most` batches have run.
   */
  const drain = async (
    step: () => Promise<[seen: number, deleted: number]>,
    size = rows,
    most = Number.POSITIVE_INFINITY,
  ) => {
    let total = 0
    for (let own = 0; ; own++) {
      if (batches >= maxBatches || own >= most || Date.now() > deadline || failed >= MAX_REFUSED) {
        complete = false
        return total
      }
      batches++
      const [seen, deleted] = await step()
      total += deleted
      if (seen < size) return total
    }
  }
  const deleteBatch = (table: string, where: SQL) => async (): Promise<[number, number]> => {
    const name = sql.raw(table)
    try {
      const [result] = await batch(db, [
        sql`DELETE FROM ${name}
          WHERE rowid IN (SELECT rowid FROM ${name} WHERE ${where} LIMIT ${rows})`,
      ])
      return [result.meta.changes, result.meta.changes]
    } catch (error) {
      // The same rows would fail again: this table waits for the next run, the others go on.
      refused(table, error)
      return [0, 0]
    }
  }

  const short = sql`day < ${shortCutoffDay}`
  const salts = await drain(deleteBatch('daily_salts', short))
  const viewMarks = await drain(deleteBatch('view_marks', short))
  const rateCounters = await drain(deleteBatch('rate_counters', sql`window < ${shortCutoffDay}`))
  const commentTextMarks = await drain(deleteBatch('comment_text_marks', short))
  const comments = await drain(deleteBatch('comments', sql`created_at < ${commentCutoff}`))
  // Oldest first, from after the last row seen, so a skipped row is not tried again this run.
  let after: Due | null = null
  const responses = await drain(
    async () => {
      let due: Due[]
      try {
        due = await dueResponses(db, responseCutoff, responseRows, after)
      } catch (error) {
        refused('responses', error)
        return [0, 0]
      }
      if (due.length === 0) return [0, 0]
      after = due[due.length - 1]
      const retired = async (part: Due[]): Promise<number> => {
        if (Date.now() > deadline || failed >= MAX_REFUSED) {
          complete = false
          return 0
        }
        try {
          return await retireResponses(db, responseCutoff, part)
        } catch (error) {
          if (part.length === 1) {
            refused('responses', error)
            return 0
          }
          const half = Math.ceil(part.length / 2)
          return (await retired(part.slice(0, half))) + (await retired(part.slice(half)))
        }
      }
      return [due.length, await retired(due)]
    },
    responseRows,
    options.maxResponseBatches,
  )
  const counts = { salts, viewMarks, rateCounters, commentTextMarks, comments, responses }
  return { ...counts, batches, failed, complete }
}

interface Due {
  article_id: number
  reader: string
  answered_at: number
  site_id: string
  key: string
}

/** The oldest `rows` responses past the cutoff, after `after` in that order. */
async function dueResponses(db: Db, cutoff: number, rows: number, after: Due | null) {
  const past = after
    ? sql`AND (r.answered_at, r.article_id, r.reader) >
        (${after.answered_at}, ${after.article_id}, ${after.reader})`
    : sql``
  const [found] = await batch<Due>(db, [
    sql`SELECT r.article_id, r.reader, r.answered_at, a.site_id, a.key
      FROM responses r JOIN articles a ON a.id = r.article_id
      WHERE r.answered_at < ${cutoff} ${past}
      ORDER BY r.answered_at, r.article_id, r.reader LIMIT ${rows}`,
  ])
  return found.results
}

/**
 * Rows of one bound JSON value: ~150 bytes each (no article key in it), so a value stays far
 * below the 2 MB D1 accepts however long the articles' URLs are.
 */
const ROWS_PER_VALUE = 1_000

const RATINGS = ['tidak_puas', 'cukup_puas', 'puas', 'sangat_puas'] as const
/** Statements per chunk of `retireResponses`. */
const PER_CHUNK = 5

/**
 * Retires `due` in one transaction; answers the responses deleted. A response that its reader
 * changed since it was found is not due any more, and stays.
 */
async function retireResponses(db: Db, cutoff: number, due: Due[]): Promise<number> {
  // The reader hashes need SHA-256, which SQLite here lacks; the batch gets them as JSON.
  const hashed = await Promise.all(
    due.map(async (d) => [
      d.article_id,
      d.reader,
      await retiredMarkHash(d.site_id, d.key, d.reader),
      await reasonReaderHash(d.site_id, d.key, d.reader),
    ]),
  )
  const statements: SQL[] = []
  for (let i = 0; i < hashed.length; i += ROWS_PER_VALUE) {
    const list = JSON.stringify(hashed.slice(i, i + ROWS_PER_VALUE))
    // Re-read inside the transaction: a reader who answered again since the SELECT is not due.
    // `old` is a mark the reader already has: left by an object that took a retired answer
    // for a live one before its flushes carried every reader's mark (worker/storage/
    // article-flush.ts). Its rating left the counters then but not the retired totals; it is
    // replaced here and its rating comes off them, which brings the article back to its
    // responses plus its retired totals.
    const chunk = sql`SELECT r.article_id, r.reader, r.rating, r.day, r.spam,
        j.value ->> 2 AS hash, j.value ->> 3 AS reason_hash, a.site_id, a.key, m.rating AS old
      FROM json_each(${list}) j
      JOIN responses r ON r.article_id = j.value ->> 0 AND r.reader = j.value ->> 1
      JOIN articles a ON a.id = r.article_id
      LEFT JOIN retired_marks m ON m.article_id = r.article_id AND m.reader_hash = j.value ->> 2
      WHERE r.answered_at < ${cutoff}`
    const moved = RATINGS.map(
      (_, r) =>
        sql`sum(CASE WHEN spam = 0 AND rating = ${r + 1} THEN 1 ELSE 0 END)
          - sum(CASE WHEN old = ${r + 1} THEN 1 ELSE 0 END)`,
    )
    statements.push(
      // Before the marks move: `old` is read from them.
      sql`INSERT INTO retired_responses (article_id, ${sql.raw(RATINGS.join(', '))})
        SELECT article_id, ${sql.join(moved, sql`, `)} FROM (${chunk})
        WHERE spam = 0 OR old IS NOT NULL GROUP BY article_id
        ON CONFLICT (article_id) DO UPDATE SET ${sql.raw(
          RATINGS.map((k) => `${k} = ${k} + excluded.${k}`).join(', '),
        )}`,
      sql`DELETE FROM retired_marks WHERE (article_id, reader_hash) IN
        (SELECT article_id, hash FROM (${chunk}) WHERE spam = 1 AND old IS NOT NULL)`,
      sql`INSERT INTO retired_marks (article_id, reader_hash, rating, day)
        SELECT article_id, hash, rating, day FROM (${chunk}) WHERE spam = 0
        ON CONFLICT (article_id, reader_hash) DO UPDATE
        SET rating = excluded.rating, day = excluded.day`,
      // The readers' reasons go with their answers, before them (the chunk reads the answers);
      // reason_days keeps the counts, as the counters keep the ratings.
      sql`DELETE FROM reasons WHERE (site_id, article, reader_hash) IN
        (SELECT site_id, key, reason_hash FROM (${chunk}))`,
      sql`DELETE FROM responses
        WHERE (article_id, reader) IN (SELECT article_id, reader FROM (${chunk}))`,
    )
  }
  const results = await batch(db, statements)
  // Each chunk's last statement deletes its responses.
  return results.reduce((n, r, i) => n + (i % PER_CHUNK === PER_CHUNK - 1 ? r.meta.changes : 0), 0)
}
