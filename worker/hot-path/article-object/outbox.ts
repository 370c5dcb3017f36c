import type { RatingValue } from '../../domain/figures/rating-scale'
import { type AnswerRow, type DayDelta, type Flush, writeFlush } from '../../storage/article-flush'
import { type Counter, COUNTERS, type CounterSums } from '../../db/sql'
import { COUNTER_COLUMNS, type Meta } from './meta'

/**
 * How long a change waits in the object before its flush to D1 (docs/operations.md «Where the figures
 * live»): statistics are at most this far behind, plus one D1 round trip.
 *
 * The flush is due by the object's alarm, not by a timer in memory: a pending `setTimeout`
 * keeps an object from leaving memory, and it is billed for that wait, which priced at the
 * national load cost more than every request put together (docs/SCALING.md «What a page view
 * costs», decision 1). The alarm is durable too, so one mechanism both flushes and survives a
 * restart. It is set once per window (when the next alarm is further away than this), not once
 * per change: setting an alarm is a storage write of its own (bench/FINDINGS.md).
 */
export const FLUSH_INTERVAL_MS = 5_000
/** With this many changed answers and views waiting, the flush goes at once. */
const FLUSH_SOON_AFTER = 500
/** A failed flush is tried again after these waits (the last one repeats), nothing dropped. */
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000]

// The changes not yet in D1: `pending_*` since the last flush, `outbox_*` the flush under way.
export const OUTBOX_TABLES = `
CREATE TABLE IF NOT EXISTS pending_days (day TEXT PRIMARY KEY, ${COUNTER_COLUMNS});
CREATE TABLE IF NOT EXISTS outbox_days AS SELECT * FROM pending_days WHERE 0;
CREATE TABLE IF NOT EXISTS pending_answers (reader TEXT PRIMARY KEY, rating INTEGER NOT NULL,
  day TEXT NOT NULL, answered_at INTEGER NOT NULL, flagged INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS outbox_answers AS SELECT * FROM pending_answers WHERE 0;
CREATE TABLE IF NOT EXISTS pending_unretired (reader_hash TEXT PRIMARY KEY, rating INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS outbox_unretired AS SELECT * FROM pending_unretired WHERE 0;
CREATE TABLE IF NOT EXISTS pending_spam (reader TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS outbox_spam AS SELECT * FROM pending_spam WHERE 0;`

const OUTBOX = ['days', 'answers', 'unretired', 'spam']

/** A condition on `answers`: the reader's answer is neither waiting for D1 nor on its way. */
export const SENT = `reader NOT IN (SELECT reader FROM pending_answers)
  AND reader NOT IN (SELECT reader FROM outbox_answers)`

/** A counter's change waiting for D1: its pending and outbox days summed. */
export const waitingSum = (k: Counter) =>
  `(SELECT coalesce(sum(${k}), 0) FROM
    (SELECT ${k} FROM pending_days UNION ALL SELECT ${k} FROM outbox_days))`
const WAITING_SUMS = COUNTERS.map((k) => `${waitingSum(k)} AS ${k}`).join(', ')

const ADD_DAY = `INSERT INTO pending_days (day, ${COUNTERS.join(', ')})
  VALUES (?, ${COUNTERS.map(() => '?').join(', ')})
  ON CONFLICT (day) DO UPDATE SET ${COUNTERS.map((k) => `${k} = ${k} + excluded.${k}`).join(', ')}`

/** What the outbox asks of its object. */
export interface OutboxHost {
  storage: DurableObjectStorage
  /** The article's row (null: none seeded). */
  meta(): Meta | null
  /** D1 as the object writes it (the failure tests put a failing one in its place). */
  d1(): D1Database
  /** When the next alarm is due, as this instance set it (0: not set by this instance). */
  alarmAt(): number
  schedule(at: number): Promise<void>
}

/**
 * The changes waiting for D1 and their flush: the object's alarm sends them, and each flush is
 * one idempotent D1 batch (storage/article-flush.ts).
 */
export class Outbox {
  private readonly sql: SqlStorage
  private waiting = 0
  private failures = 0
  private flushing: Promise<void> | null = null

  constructor(private readonly host: OutboxHost) {
    this.sql = host.storage.sql
  }

  /**
   * An instance starting on stored changes: the live counters get them back. True when some
   * wait for D1 (their alarm, set when they came, is still stored; the object checks it).
   */
  restore(meta: Meta | null): boolean {
    const counts = this.sql
      .exec<CounterSums & { waiting: number }>(
        `SELECT (SELECT count(*) FROM pending_answers) + (SELECT count(*) FROM pending_days)
          AS waiting, ${WAITING_SUMS}`,
      )
      .one()
    this.waiting = counts.waiting
    if (!meta) return false
    for (const k of COUNTERS) meta[k] += counts[k]
    return this.waiting > 0 || meta.article_dirty === 1 || meta.outbox_seq > 0
  }

  /** A change of the counters, live at once and waiting in its day's change for D1. */
  count(day: string, change: Partial<CounterSums>) {
    this.sql.exec(ADD_DAY, day, ...COUNTERS.map((k) => change[k] ?? 0))
    const meta = this.host.meta() as Meta
    for (const k of COUNTERS) meta[k] += change[k] ?? 0
  }

  answer(row: AnswerRow) {
    this.sql.exec(
      'INSERT OR REPLACE INTO pending_answers VALUES (?, ?, ?, ?, ?)',
      row.reader,
      row.rating,
      row.day,
      row.answered_at,
      row.flagged,
    )
  }

  unretired(readerHash: string, rating: RatingValue) {
    this.sql.exec('INSERT OR REPLACE INTO pending_unretired VALUES (?, ?)', readerHash, rating)
  }

  spam(reader: string) {
    this.sql.exec('INSERT OR IGNORE INTO pending_spam VALUES (?)', reader)
  }

  private rows(table: string): number {
    return this.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n
  }

  hasPending(): boolean {
    return (
      this.host.meta()?.article_dirty === 1 ||
      this.rows('pending_days') + this.rows('pending_answers') + this.rows('pending_unretired') > 0
    )
  }

  delay(): number {
    return this.waiting >= FLUSH_SOON_AFTER ? 0 : FLUSH_INTERVAL_MS
  }

  /** A change is waiting: the alarm flushes it, within the interval (at once past FLUSH_SOON_AFTER). */
  changed() {
    this.waiting++
    this.flushBy(Date.now() + this.delay())
  }

  /** The alarm is moved only when it is due later than `at` (or not set). */
  flushBy(at: number) {
    const alarmAt = this.host.alarmAt()
    if (alarmAt === 0 || alarmAt > at) void this.host.schedule(at)
  }

  /**
   * Flushes what waits (the outbox first); false when D1 failed. Nothing is lost then: the
   * outbox stays and goes again, with the same number, by the alarm after a wait.
   */
  async flushWaiting(): Promise<boolean> {
    try {
      const meta = this.host.meta()
      if (meta && (meta.outbox_seq > 0 || this.hasPending())) await this.flushOnce()
      this.failures = 0
      return true
    } catch (error) {
      const wait = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)]
      console.error('flush failed, retrying', wait, String(error))
      await this.host.schedule(Date.now() + wait)
      return false
    }
  }

  /** Sends every change still waiting to D1, and resolves once D1 holds it (throws if D1 fails). */
  async flushAll(): Promise<void> {
    let meta = this.host.meta()
    while (meta && (meta.outbox_seq > 0 || this.hasPending())) {
      await this.flushOnce()
      meta = this.host.meta()
    }
  }

  /** A flush is on its way to D1. */
  sending(): boolean {
    return this.flushing !== null
  }

  /** The flush under way, or a new one; one at a time. */
  private flushOnce(): Promise<void> {
    if (!this.flushing) this.flushing = this.send().finally(() => (this.flushing = null))
    return this.flushing
  }

  /**
   * One flush: the changes waiting become the outbox under the next number (unless an outbox
   * failed before: it goes again, unchanged, under its own number), then one D1 batch.
   */
  private async send(): Promise<void> {
    const meta = this.host.meta() as Meta
    const sql = this.sql
    const storage = this.host.storage
    if (meta.outbox_seq === 0) {
      storage.transactionSync(() => {
        for (const what of OUTBOX) {
          sql.exec(`INSERT INTO outbox_${what} SELECT * FROM pending_${what}`)
          sql.exec(`DELETE FROM pending_${what}`)
        }
        sql.exec('UPDATE meta SET outbox_seq = seq + 1, article_dirty = 0 WHERE id = 1')
      })
      meta.outbox_seq = meta.seq + 1
      meta.article_dirty = 0
      this.waiting = 0
    }
    const days = sql
      .exec<DayDelta & Record<string, SqlStorageValue>>('SELECT * FROM outbox_days')
      .toArray()
    const total = Object.fromEntries(
      COUNTERS.map((k) => [k, days.reduce((n, d) => n + d[k], 0)]),
    ) as CounterSums
    const flush: Flush = {
      seq: meta.outbox_seq,
      article: {
        siteId: meta.site_id,
        key: meta.key,
        opd: meta.opd,
        title: meta.title,
        firstSeenAt: meta.first_seen_at,
      },
      total,
      days,
      answers: sql
        .exec<AnswerRow & Record<string, SqlStorageValue>>('SELECT * FROM outbox_answers')
        .toArray(),
      unretired: sql
        .exec<{ reader_hash: string; rating: RatingValue }>('SELECT * FROM outbox_unretired')
        .toArray(),
      spam: sql
        .exec<{ reader: string }>('SELECT reader FROM outbox_spam')
        .toArray()
        .map((r) => r.reader),
    }
    await writeFlush(this.host.d1(), flush)
    storage.transactionSync(() => {
      for (const what of OUTBOX) sql.exec(`DELETE FROM outbox_${what}`)
      // The stored counters are as D1 acknowledges them (Meta): now with this flush.
      sql.exec(
        `UPDATE meta SET seq = outbox_seq, outbox_seq = 0,
          ${COUNTERS.map((k) => `${k} = ${k} + ?`).join(', ')} WHERE id = 1`,
        ...COUNTERS.map((k) => total[k]),
      )
    })
    meta.seq = meta.outbox_seq
    meta.outbox_seq = 0
  }
}
