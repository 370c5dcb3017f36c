import { type SQL, sql } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import { jakartaDay } from '../domain/days'
import { sha256Hex } from '../domain/crypto'
import { reasonReaderHash } from './reasons'

const DAY_MS = 86_400_000

/** How long per-reader rows are kept (README, «Privacy»). */
export const RESPONSE_RETENTION_DAYS = 180
/** How long readers' comments are kept (README, «Comments / Komentar»). */
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

export interface RetentionOptions {
  batchRows?: number
  /** Stop after this many batches; what is left waits for the next run. */
  maxBatches?: number
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
  /** False when the run stopped at its bound with rows still past their retention. */
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
 * timeout) leaves consistent data; the next run picks up what is left.
 */
export async function applyRetention(
  db: Db,
  nowMs: number,
  options: RetentionOptions = {},
): Promise<RetentionReport> {
  const rows = options.batchRows ?? RETENTION_BATCH_ROWS
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY
  const deadline = Date.now() + (options.budgetMs ?? RETENTION_BUDGET_MS)
  const responseCutoff = nowMs - RESPONSE_RETENTION_DAYS * DAY_MS
  const commentCutoff = nowMs - COMMENT_RETENTION_DAYS * DAY_MS
  // Keep today and yesterday (Asia/Jakarta): "never kept past two days".
  const shortCutoffDay = jakartaDay(nowMs - (SHORT_RETENTION_DAYS - 1) * DAY_MS)

  let batches = 0
  let complete = true
  /** Runs `step` (one batch, answering rows seen and rows deleted) until a batch is short. */
  const drain = async (step: () => Promise<[seen: number, deleted: number]>) => {
    let total = 0
    for (;;) {
      if (batches >= maxBatches || Date.now() > deadline) {
        complete = false
        return total
      }
      batches++
      const [seen, deleted] = await step()
      total += deleted
      if (seen < rows) return total
    }
  }
  const deleteBatch = (table: string, where: SQL) => async (): Promise<[number, number]> => {
    const name = sql.raw(table)
    const [result] = await batch(db, [
      sql`DELETE FROM ${name}
        WHERE rowid IN (SELECT rowid FROM ${name} WHERE ${where} LIMIT ${rows})`,
    ])
    return [result.meta.changes, result.meta.changes]
  }

  const short = sql`day < ${shortCutoffDay}`
  const salts = await drain(deleteBatch('daily_salts', short))
  const viewMarks = await drain(deleteBatch('view_marks', short))
  const rateCounters = await drain(deleteBatch('rate_counters', sql`window < ${shortCutoffDay}`))
  const commentTextMarks = await drain(deleteBatch('comment_text_marks', short))
  const comments = await drain(deleteBatch('comments', sql`created_at < ${commentCutoff}`))
  const responses = await drain(() => retireResponses(db, responseCutoff, rows))
  const counts = { salts, viewMarks, rateCounters, commentTextMarks, comments, responses }
  return { ...counts, batches, complete }
}

interface Due {
  article_id: number
  reader: string
  site_id: string
  key: string
}

/** One batch of responses: the oldest `rows` past the cutoff retired in one transaction. */
async function retireResponses(db: Db, cutoff: number, rows: number): Promise<[number, number]> {
  const [found] = await batch<Due>(db, [
    sql`SELECT r.article_id, r.reader, a.site_id, a.key
      FROM responses r JOIN articles a ON a.id = r.article_id
      WHERE r.answered_at < ${cutoff} ORDER BY r.answered_at LIMIT ${rows}`,
  ])
  const due = found.results
  if (due.length === 0) return [0, 0]
  // The reader hashes need SHA-256, which SQLite here lacks; the batch gets the rows as JSON.
  const hashes = await Promise.all(
    due.map(async (d) => [
      await retiredMarkHash(d.site_id, d.key, d.reader),
      await reasonReaderHash(d.site_id, d.key, d.reader),
    ]),
  )
  const list = JSON.stringify(
    due.map((d, i) => [d.article_id, d.reader, ...hashes[i], d.site_id, d.key]),
  )
  // Re-read inside the transaction: a reader who answered again since the SELECT is not due.
  const chunk = sql`SELECT r.article_id, r.reader, r.rating, r.day, r.spam, j.value ->> 2 AS hash,
      j.value ->> 3 AS reason_hash, j.value ->> 4 AS site_id, j.value ->> 5 AS key
    FROM json_each(${list}) j
    JOIN responses r ON r.article_id = j.value ->> 0 AND r.reader = j.value ->> 1
    WHERE r.answered_at < ${cutoff}`
  const results = await batch(db, [
    sql`INSERT INTO retired_marks (article_id, reader_hash, rating, day)
      SELECT article_id, hash, rating, day FROM (${chunk}) WHERE spam = 0`,
    sql`INSERT INTO retired_responses (article_id, sangat_puas, puas, cukup_puas, tidak_puas)
      SELECT article_id, sum(rating = 4), sum(rating = 3), sum(rating = 2), sum(rating = 1)
      FROM (${chunk}) WHERE spam = 0 GROUP BY article_id
      ON CONFLICT (article_id) DO UPDATE SET
        sangat_puas = sangat_puas + excluded.sangat_puas, puas = puas + excluded.puas,
        cukup_puas = cukup_puas + excluded.cukup_puas,
        tidak_puas = tidak_puas + excluded.tidak_puas`,
    // The readers' reasons go with their answers, before them (the chunk reads the answers);
    // reason_days keeps the counts, as the counters keep the ratings.
    sql`DELETE FROM reasons WHERE (site_id, article, reader_hash) IN
      (SELECT site_id, key, reason_hash FROM (${chunk}))`,
    sql`DELETE FROM responses
      WHERE (article_id, reader) IN (SELECT article_id, reader FROM (${chunk}))`,
  ])
  return [due.length, results[3].meta.changes]
}
