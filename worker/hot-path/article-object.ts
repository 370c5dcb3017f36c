import { DurableObject } from 'cloudflare:workers'
import type { RatingValue } from '../domain/rating-scale'
import { jakartaDay } from '../domain/days'
import type { Env } from '../env'
import type { AddressGuard, GuardKeys, ResponseGuard } from '../storage/address-guard'
import type { CounterRow } from '../storage/articles'
import {
  type AnswerRow,
  type ArticleSeed,
  type DayDelta,
  type Flush,
  objectRetiresBefore,
  readArticleSeed,
  writeFlush,
} from '../storage/article-flush'
import { retiredMarkHash } from '../storage/retention'
import type { CounterSums } from '../storage/stats'

/**
 * How long a change waits in the object before its flush to D1 (docs/operations.md «Where the figures
 * live»): statistics are at most this far behind, plus one D1 round trip.
 */
const FLUSH_INTERVAL_MS = 5_000
/**
 * The flush is due by a timer in memory; the alarm is its durable backstop, for an object
 * that leaves memory before its timer fires (a restart, a deploy). The alarm is kept within
 * this of every waiting change and moved only when it is further away, so a busy object sets
 * it about once per this interval instead of once per change: setting an alarm is a storage
 * write of its own, the largest cost of a vote once measured (bench/FINDINGS.md).
 */
const BACKSTOP_MS = 10 * 60_000
/** With this many changed answers and views waiting, the flush goes at once. */
const FLUSH_SOON_AFTER = 500
/** A failed flush is tried again after these waits (the last one repeats), nothing dropped. */
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000]
const DAY_MS = 86_400_000

/** What the Worker knows of a widget request once it is validated (site, OPD, guard). */
export interface ArticleEvent {
  siteId: string
  opd: string
  key: string
  title: string | null
  reader: string
  nowMs: number
  day: string
  /** The abuse bounds of this request's address and network; null with RATE_LIMITS=off. */
  guard: (AddressGuard & Partial<ResponseGuard>) | null
  keys: GuardKeys | null
}

/**
 * The article's row in the object. Its counters (CounterSums) are live in memory; stored, they
 * are as D1 last acknowledged them, so a vote or view writes no counters row: the changes since
 * are the sums of `pending_days` and `outbox_days`, added back when an instance starts.
 */
interface Meta extends CounterSums {
  site_id: string
  key: string
  opd: string
  title: string | null
  first_seen_at: number
  /** 1 once the article exists (in D1, or made by an accepted request of this object). */
  present: number
  /** The last flush D1 acknowledged, and the one under way (0: none). */
  seq: number
  outbox_seq: number
  /** 1 when a change waits that no counter shows (a title given late). */
  article_dirty: number
  retention_day: string
}

interface Answer {
  rating: RatingValue
  day: string
  flagged: number
  spam: number
}

const COUNTERS = ['sangat_puas', 'puas', 'cukup_puas', 'tidak_puas', 'views'] as const
/** meta's columns that D1's article row decides: ready() inserts them, reread() replaces them. */
const SEEDED = ['opd', 'title', 'first_seen_at', 'present', 'seq', ...COUNTERS] as const

/** SEEDED's values from D1's row; what D1 does not have yet comes from `known`. */
function seeded(
  seed: ArticleSeed,
  known: Pick<Meta, 'opd' | 'title' | 'first_seen_at'>,
): SqlStorageValue[] {
  const a = seed.article
  return [
    a?.opd ?? known.opd,
    a ? a.title : known.title,
    a?.first_seen_at ?? known.first_seen_at,
    a ? 1 : 0,
    a?.flush_seq ?? 0,
    ...COUNTERS.map((k) => a?.[k] ?? 0),
  ]
}
const RATING_COUNTER = [null, 'tidak_puas', 'cukup_puas', 'puas', 'sangat_puas'] as const

/**
 * Raised with every change of SCHEMA. An object whose storage holds an older number (or none:
 * objects made before it, or new ones) runs SCHEMA, every statement of which keeps what
 * exists; the others skip it. Running its ~20 statements on every activation was a large part
 * of what an object woken from eviction costs its first request (bench/FINDINGS.md).
 */
const SCHEMA_VERSION = 2

// The object's own SQLite: the article's readers' answers (all of them, so a changed answer
// is found without D1), today's view marks, the per-address counts of this article, and the
// changes not yet in D1: `pending_*` since the last flush, `outbox_*` the flush under way.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 1), site_id TEXT NOT NULL,
  key TEXT NOT NULL, opd TEXT NOT NULL, title TEXT, first_seen_at INTEGER NOT NULL,
  present INTEGER NOT NULL, seq INTEGER NOT NULL, outbox_seq INTEGER NOT NULL DEFAULT 0,
  article_dirty INTEGER NOT NULL DEFAULT 0, retention_day TEXT NOT NULL DEFAULT '',
  sangat_puas INTEGER NOT NULL, puas INTEGER NOT NULL, cukup_puas INTEGER NOT NULL,
  tidak_puas INTEGER NOT NULL, views INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS answers (reader TEXT PRIMARY KEY, rating INTEGER NOT NULL,
  day TEXT NOT NULL, answered_at INTEGER NOT NULL, flagged INTEGER NOT NULL, spam INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS answers_answered ON answers (answered_at);
CREATE TABLE IF NOT EXISTS retired (reader_hash TEXT PRIMARY KEY, rating INTEGER NOT NULL,
  day TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS view_marks (reader TEXT NOT NULL, day TEXT NOT NULL,
  PRIMARY KEY (reader, day));
CREATE TABLE IF NOT EXISTS guard_counts (key TEXT NOT NULL, day TEXT NOT NULL,
  count INTEGER NOT NULL, PRIMARY KEY (key, day));
CREATE TABLE IF NOT EXISTS pending_days (day TEXT PRIMARY KEY, sangat_puas INTEGER NOT NULL,
  puas INTEGER NOT NULL, cukup_puas INTEGER NOT NULL, tidak_puas INTEGER NOT NULL,
  views INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS outbox_days AS SELECT * FROM pending_days WHERE 0;
CREATE TABLE IF NOT EXISTS pending_answers (reader TEXT PRIMARY KEY, rating INTEGER NOT NULL,
  day TEXT NOT NULL, answered_at INTEGER NOT NULL, flagged INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS outbox_answers AS SELECT * FROM pending_answers WHERE 0;
CREATE TABLE IF NOT EXISTS pending_unretired (reader_hash TEXT PRIMARY KEY, rating INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS outbox_unretired AS SELECT * FROM pending_unretired WHERE 0;
CREATE TABLE IF NOT EXISTS pending_spam (reader TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS outbox_spam AS SELECT * FROM pending_spam WHERE 0;
CREATE TABLE IF NOT EXISTS schema_version (v INTEGER NOT NULL);
DELETE FROM schema_version;
INSERT INTO schema_version VALUES (${SCHEMA_VERSION});
`

const OUTBOX = ['days', 'answers', 'unretired', 'spam']

/** A counter's change waiting for D1: its pending and outbox days summed. */
const waitingSum = (k: (typeof COUNTERS)[number]) =>
  `(SELECT coalesce(sum(${k}), 0) FROM
    (SELECT ${k} FROM pending_days UNION ALL SELECT ${k} FROM outbox_days))`
const WAITING_SUMS = COUNTERS.map((k) => `${waitingSum(k)} AS ${k}`).join(', ')

/** Up to version 1 the stored counters were live: the changes waiting come off, once. */
const COUNTERS_AS_ACKNOWLEDGED = `UPDATE meta SET ${COUNTERS.map(
  (k) => `${k} = ${k} - ${waitingSum(k)}`,
).join(', ')}`

const ADD_DAY = `INSERT INTO pending_days (day, ${COUNTERS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (day) DO UPDATE SET ${COUNTERS.map((k) => `${k} = ${k} + excluded.${k}`).join(', ')}`

/**
 * One article's hot path: its readers' answers and views are recorded here, in the object's
 * own SQLite (synchronous, no D1 round trip), its summary answered from memory, and the
 * changes flushed to D1 by an alarm in one idempotent batch (storage/article-flush.ts).
 *
 * The object reads D1 once in its life, before its first answer (the article's row and its
 * readers' rows); after that, and after being evicted from memory, it answers from its own
 * storage. D1 stays the record every statistic reads.
 */
export class ArticleObject extends DurableObject<Env> {
  private readonly sql: SqlStorage
  private meta: Meta | null = null
  /** When the next alarm is due, as this instance set it (0: not set by this instance). */
  private alarmAt = 0
  /** The flush timer and when it fires (0: none). */
  private timer: ReturnType<typeof setTimeout> | null = null
  private timerAt = 0
  /** A change came since the last alarm: the next one keeps the backstop near instead of tidying. */
  private active = false
  private waiting = 0
  private failures = 0
  /** Requests under way: tidy() never deletes the storage of an object one of them is using. */
  private busy = 0
  private flushing: Promise<void> | null = null
  /** Rows of `retired`, so a new reader's vote looks there only when there is something. */
  private retiredCount = 0
  /**
   * Whether the storage holds SCHEMA. A new object (or one tidy() emptied) writes nothing until
   * it seeds an article (ready()), so a request that records nothing leaves no storage behind.
   */
  private stored = false
  /** D1 as the object writes it; the failure tests put a failing one in its place. */
  d1: D1Database

  /** Whether D1 holds an answer of this article (null: not known yet, read from storage). */
  private answersInD1: boolean | null = null

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    this.d1 = env.DB
    this.migrate()
    // Nothing stored: no article, nothing waiting, no alarm.
    if (!this.stored) return
    this.meta =
      this.sql.exec<Meta & Record<string, SqlStorageValue>>('SELECT * FROM meta').toArray()[0] ??
      null
    const counts = this.sql
      .exec<CounterSums & { waiting: number; retired: number }>(
        `SELECT (SELECT count(*) FROM pending_answers) + (SELECT count(*) FROM pending_days)
          AS waiting, (SELECT count(*) FROM retired) AS retired, ${WAITING_SUMS}`,
      )
      .one()
    this.waiting = counts.waiting
    this.retiredCount = counts.retired
    const meta = this.meta
    if (meta) for (const k of COUNTERS) meta[k] += counts[k]
    // Changes left by an instance that left memory go out as they would have (the alarm too).
    if (meta && (this.waiting > 0 || meta.article_dirty || meta.outbox_seq > 0))
      this.flushIn(FLUSH_INTERVAL_MS)
    // Known, so that the first change after a restart sets no alarm when the backstop is near.
    void ctx.blockConcurrencyWhile(async () => {
      this.alarmAt = (await ctx.storage.getAlarm()) ?? 0
    })
  }

  /** A request's work; while any is under way, tidy() leaves the storage alone. */
  private async serving<T>(work: () => Promise<T>): Promise<T> {
    this.busy++
    try {
      return await work()
    } finally {
      this.busy--
    }
  }

  private migrate() {
    let version = 0
    try {
      version = this.sql.exec<{ v: number }>('SELECT v FROM schema_version').one().v
    } catch {
      // No such table yet: a new object, or one made before SCHEMA_VERSION.
    }
    this.stored = version > 0 || this.hasTables()
    if (version >= SCHEMA_VERSION || !this.stored) return
    this.ctx.storage.transactionSync(() => {
      this.sql.exec(SCHEMA)
      // A new object has no meta row yet: then this changes nothing.
      if (version < 2) this.sql.exec(COUNTERS_AS_ACKNOWLEDGED)
    })
  }

  /** Whether anything is stored: objects made before SCHEMA_VERSION have tables but no version. */
  private hasTables(): boolean {
    return (
      this.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").toArray()
        .length > 0
    )
  }

  /** A reader's answer; the article's counters with `yours`, or no `yours` (or no row) when refused. */
  async vote(event: ArticleEvent & { rating: RatingValue }): Promise<CounterRow | undefined> {
    return this.serving(async () => {
      await this.ready(event)
      const { reader, rating, day } = event
      const { site_id, key } = this.meta as Meta
      // Hashed before the reader's answer is read, so that nothing is awaited between reading
      // it and writing it but the guard, after which it is read again.
      const retiredHash = this.retiredCount > 0 ? await retiredMarkHash(site_id, key, reader) : null
      let before = this.answer(reader)
      if (before?.spam || before?.rating === rating) return this.row(before.rating)
      let flagged = before?.flagged ?? 0
      if (!before && event.guard) {
        const admitted = await this.admit(event, 'r')
        // Another request of the same reader may have been answered while the guard was asked.
        before = this.answer(reader)
        if (before?.spam || before?.rating === rating) return this.row(before.rating)
        if (!before && !admitted.allowed) return this.meta?.present ? this.row(null) : undefined
        flagged = before?.flagged ?? admitted.flagged
      }
      this.present(event)
      if (before) this.move(before.rating, before.day, -1)
      else if (retiredHash) {
        // A reader whose response retention retired answers like one who changed their answer.
        const retired = this.sql
          .exec<{ rating: RatingValue; day: string }>(
            'SELECT rating, day FROM retired WHERE reader_hash = ?',
            retiredHash,
          )
          .toArray()[0]
        if (retired) {
          this.sql.exec('DELETE FROM retired WHERE reader_hash = ?', retiredHash)
          this.retiredCount--
          this.sql.exec(
            'INSERT OR REPLACE INTO pending_unretired VALUES (?, ?)',
            retiredHash,
            retired.rating,
          )
          this.move(retired.rating, retired.day, -1)
        }
      }
      this.move(rating, day, +1)
      this.sql.exec(
        `INSERT INTO answers VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (reader) DO UPDATE
        SET rating = excluded.rating, day = excluded.day, answered_at = excluded.answered_at`,
        reader,
        rating,
        day,
        event.nowMs,
        flagged,
      )
      this.sql.exec(
        'INSERT OR REPLACE INTO pending_answers VALUES (?, ?, ?, ?, ?)',
        reader,
        rating,
        day,
        event.nowMs,
        flagged,
      )
      this.changed()
      await this.firstAnswerToD1()
      return this.row(rating)
    })
  }

  /**
   * While D1 holds no answer of this article, the answer goes there before the vote returns.
   * The Worker then knows from D1 alone that an article has no answer anywhere, so a comment or
   * reasons for it wakes no object (article.ts, flushReaderFirst). Once per article: later
   * answers wait for the timer as ever. A D1 failure leaves it to the timer and the alarm.
   */
  private async firstAnswerToD1() {
    this.answersInD1 ??=
      this.sql
        .exec(
          `SELECT 1 FROM answers WHERE reader NOT IN (SELECT reader FROM pending_answers)
            AND reader NOT IN (SELECT reader FROM outbox_answers) LIMIT 1`,
        )
        .toArray().length > 0
    if (this.answersInD1) return
    if (await this.flushWaiting()) this.answersInD1 = true
  }

  /** A reader's view: counted once a day; false when the abuse bound refused it. */
  async view(event: ArticleEvent): Promise<boolean> {
    return this.serving(async () => {
      await this.ready(event)
      const mark = () =>
        this.sql.exec(
          'INSERT INTO view_marks VALUES (?, ?) ON CONFLICT DO NOTHING',
          event.reader,
          event.day,
        ).rowsWritten > 0
      if (event.guard) {
        const seen = () =>
          this.sql
            .exec('SELECT 1 FROM view_marks WHERE reader = ? AND day = ?', event.reader, event.day)
            .toArray().length > 0
        if (seen()) return true
        const admitted = await this.admit(event, 'w')
        if (seen()) return true
        if (!admitted.allowed) return false
      }
      // Without a guard nothing is awaited between the mark and the count: one statement decides.
      if (!mark()) return true
      this.present(event)
      this.sql.exec(ADD_DAY, event.day, 0, 0, 0, 0, 1)
      this.counters({ views: 1 })
      this.changed()
      return true
    })
  }

  /**
   * The article's counters and the reader's answer; undefined for an article nobody has seen,
   * which stays unstored: asking about an article adds nothing to record.
   */
  async summary(
    event: Pick<ArticleEvent, 'siteId' | 'key' | 'day' | 'opd'> & { reader: string | null },
  ) {
    return this.serving(async () => {
      await this.ready({ ...event, title: null, nowMs: Date.now() }, true)
      if (!this.meta?.present) return undefined
      return this.row(event.reader === null ? null : (this.answer(event.reader)?.rating ?? null))
    })
  }

  /** Sends every change still waiting to D1, and resolves once D1 holds it (throws if D1 fails). */
  async flush(): Promise<void> {
    while (this.meta && (this.meta.outbox_seq > 0 || this.hasPending())) {
      if (!this.flushing) this.flushing = this.flushOnce().finally(() => (this.flushing = null))
      await this.flushing
    }
    // D1 holds everything: a timer left would only keep the instance in memory for nothing.
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.timerAt = 0
  }

  override async alarm(): Promise<void> {
    this.alarmAt = 0
    if (!this.meta) return
    if (!(await this.flushWaiting())) return
    await this.retire()
    if (this.hasPending()) await this.schedule(Date.now() + this.delay())
    else if (this.active) {
      this.active = false
      await this.schedule(Date.now() + BACKSTOP_MS)
    } else await this.tidy()
  }

  /**
   * The admin's exclusion of the article's flagged answers (api/admin/flagged.ts): they leave
   * the counters and their days here at once, and D1 with the next flush (which marks them).
   */
  async excludeFlagged(event: Pick<ArticleEvent, 'siteId' | 'key' | 'day' | 'opd'>) {
    return this.serving(async () => {
      await this.ready({ ...event, title: null, nowMs: Date.now() })
      const flagged = this.sql
        .exec<{ reader: string; rating: RatingValue; day: string }>(
          'SELECT reader, rating, day FROM answers WHERE flagged = 1 AND spam = 0',
        )
        .toArray()
      for (const r of flagged) {
        this.move(r.rating, r.day, -1)
        this.sql.exec('UPDATE answers SET spam = 1 WHERE reader = ?', r.reader)
        this.sql.exec('INSERT OR IGNORE INTO pending_spam VALUES (?)', r.reader)
      }
      if (flagged.length > 0) this.changed()
      return flagged.length
    })
  }

  /**
   * An admin changed this article in D1 (moved or retitled it, merged or deleted its OPD):
   * what waits goes to D1 first, then the object takes the article as D1 now holds it. Nothing runs in between (blockConcurrencyWhile), so a vote
   * lands either before (flushed) or after (on the new state). Today's view marks and the
   * per-address counts stay: D1 keeps neither for the object path.
   */
  async reread(): Promise<void> {
    if (!this.meta) return
    await this.ctx.blockConcurrencyWhile(async () => {
      await this.flush()
      const meta = this.meta as Meta
      const day = jakartaDay(Date.now())
      const seed = await readArticleSeed(this.d1, meta.site_id, meta.key, day)
      this.ctx.storage.transactionSync(() => {
        this.sql.exec(
          `UPDATE meta SET ${SEEDED.map((k) => `${k} = ?`).join(', ')} WHERE id = 1`,
          ...seeded(seed, meta),
        )
        this.sql.exec('DELETE FROM answers')
        this.sql.exec('DELETE FROM retired')
        this.seedRows(seed, day)
      })
      this.meta = this.sql.exec<Meta & Record<string, SqlStorageValue>>('SELECT * FROM meta').one()
      this.answersInD1 = null
      this.retiredCount = seed.retired.length
    })
  }

  // ── Seeding ────────────────────────────────────────────────────────────────────────────

  /**
   * Reads D1 once in the object's life: the article as D1 holds it, then never again. With
   * `known`, an article D1 does not hold is left unseeded: the object stores nothing for it.
   */
  private async ready(
    event: Omit<ArticleEvent, 'reader' | 'guard' | 'keys'>,
    known = false,
  ): Promise<void> {
    if (this.meta) {
      this.lateTitle(event.title)
      return
    }
    await this.ctx.blockConcurrencyWhile(async () => {
      if (this.meta) return
      const seed = await readArticleSeed(this.d1, event.siteId, event.key, event.day)
      if (known && !seed.article) return
      this.ctx.storage.transactionSync(() => {
        if (!this.stored) this.sql.exec(SCHEMA)
        this.sql.exec(
          `INSERT INTO meta (id, site_id, key, ${SEEDED.join(', ')})
            VALUES (1, ?, ?, ${SEEDED.map(() => '?').join(', ')})`,
          event.siteId,
          event.key,
          ...seeded(seed, { opd: event.opd, title: event.title, first_seen_at: event.nowMs }),
        )
        this.seedRows(seed, event.day)
      })
      this.stored = true
      this.meta = this.sql.exec<Meta & Record<string, SqlStorageValue>>('SELECT * FROM meta').one()
      this.answersInD1 = null
      this.retiredCount = seed.retired.length
      // An object that is never answered forgets even its seed a day later (tidy).
      await this.schedule(Date.now() + DAY_MS)
    })
    this.lateTitle(event.title)
  }

  private seedRows(seed: ArticleSeed, day: string) {
    for (const r of seed.answers)
      this.sql.exec(
        'INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)',
        r.reader,
        r.rating,
        r.day,
        r.answered_at,
        r.flagged,
        r.spam,
      )
    for (const r of seed.retired)
      this.sql.exec('INSERT INTO retired VALUES (?, ?, ?)', r.reader_hash, r.rating, r.day)
    for (const reader of seed.viewedToday)
      this.sql.exec('INSERT OR IGNORE INTO view_marks VALUES (?, ?)', reader, day)
  }

  /** A title arriving where the first request had none is kept, as on the D1 path. */
  private lateTitle(title: string | null) {
    if (!this.meta || this.meta.title !== null || title === null) return
    this.sql.exec('UPDATE meta SET title = ?, article_dirty = 1 WHERE id = 1', title)
    this.meta.title = title
    this.meta.article_dirty = 1
    if (this.meta.present) this.changed()
  }

  // ── Recording ──────────────────────────────────────────────────────────────────────────

  private answer(reader: string): Answer | undefined {
    return this.sql
      .exec<Answer & Record<string, SqlStorageValue>>(
        'SELECT rating, day, flagged, spam FROM answers WHERE reader = ?',
        reader,
      )
      .toArray()[0]
  }

  /** The article exists from its first accepted request on (D1 gets it with the flush). */
  private present(event: Pick<ArticleEvent, 'opd'>): Meta {
    const meta = this.meta as Meta
    if (!meta.present) {
      this.sql.exec('UPDATE meta SET present = 1, opd = ? WHERE id = 1', event.opd)
      meta.present = 1
    }
    return meta
  }

  /** One answer added to (+1) or taken off (−1) the counters and its day's change. */
  private move(rating: RatingValue, day: string, sign: 1 | -1) {
    const column = RATING_COUNTER[rating]
    this.sql.exec(ADD_DAY, day, ...COUNTERS.map((k) => (k === column ? sign : 0)))
    this.counters({ [column]: sign })
  }

  private counters(change: Partial<CounterSums>) {
    const meta = this.meta as Meta
    for (const k of COUNTERS) meta[k] += change[k] ?? 0
  }

  /** The counters with `yours`, the reader's rating as the caller knows it (null: none). */
  private row(yours: RatingValue | null): CounterRow {
    const meta = this.meta as Meta
    return {
      opd: meta.opd,
      sangat_puas: meta.sangat_puas,
      puas: meta.puas,
      cukup_puas: meta.cukup_puas,
      tidak_puas: meta.tidak_puas,
      views: meta.views,
      yours,
    }
  }

  /**
   * The abuse bounds for a new reader (worker/abuse/limits.ts), counted as on the D1 path:
   * every attempt counts, and it is allowed when the count after it is within the bound. The
   * per-article count lives here; the per-network-and-site ones in the site's guard object,
   * asked only for a reader new to this article.
   */
  private async admit(event: ArticleEvent, kind: 'r' | 'w') {
    const { guard, keys, day } = event
    if (!guard || !keys) return { allowed: true, flagged: 0 }
    this.sql.exec(
      `INSERT INTO guard_counts VALUES (?, ?, 1)
      ON CONFLICT (key, day) DO UPDATE SET count = count + 1`,
      keys.article,
      day,
    )
    const mine = this.sql
      .exec<{ count: number }>(
        'SELECT count FROM guard_counts WHERE key = ? AND day = ?',
        keys.article,
        day,
      )
      .one().count
    const isNewArticle = !this.meta?.present
    const site = this.env.SITE_GUARDS.get(this.env.SITE_GUARDS.idFromName(event.siteId))
    const counts = await site.count(
      day,
      isNewArticle ? [keys.site, keys.newArticle] : [keys.site],
      [keys.newArticle],
    )
    const readerOk = mine <= guard.limit && counts[keys.site] <= guard.siteLimit
    const allowed = readerOk && (!isNewArticle || counts[keys.newArticle] <= guard.articleLimit)
    const flagged =
      kind === 'r' &&
      (mine > (guard.flagAfter ?? Infinity) ||
        counts[keys.site] > (guard.siteFlagAfter ?? Infinity) ||
        counts[keys.newArticle] > (guard.articleFlagAfter ?? Infinity))
    return { allowed, flagged: flagged ? 1 : 0 }
  }

  // ── Flushing ───────────────────────────────────────────────────────────────────────────

  private count(table: string): number {
    return this.sql.exec<{ n: number }>(`SELECT count(*) AS n FROM ${table}`).one().n
  }

  private hasPending(): boolean {
    return (
      this.meta?.article_dirty === 1 ||
      this.count('pending_days') + this.count('pending_answers') + this.count('pending_unretired') >
        0
    )
  }

  private delay(): number {
    return this.waiting >= FLUSH_SOON_AFTER ? 0 : FLUSH_INTERVAL_MS
  }

  /** A change is waiting: the timer flushes it, and the alarm would if this instance left memory. */
  private changed() {
    this.waiting++
    this.active = true
    this.flushIn(this.delay())
    const latest = Date.now() + BACKSTOP_MS
    if (this.alarmAt === 0 || this.alarmAt > latest) void this.schedule(latest)
  }

  private flushIn(ms: number) {
    const at = Date.now() + ms
    if (this.timer !== null && this.timerAt <= at) return
    if (this.timer !== null) clearTimeout(this.timer)
    this.timerAt = at
    this.timer = setTimeout(() => {
      this.timer = null
      this.timerAt = 0
      void this.flushWaiting().then((ok) => {
        if (ok && this.hasPending()) this.flushIn(this.delay())
      })
    }, ms)
  }

  /**
   * Flushes what waits (the outbox first); false when D1 failed. Nothing is lost then: the
   * outbox stays and goes again, with the same number, by the alarm after a wait.
   */
  private async flushWaiting(): Promise<boolean> {
    try {
      if (this.meta && (this.meta.outbox_seq > 0 || this.hasPending())) {
        if (!this.flushing) this.flushing = this.flushOnce().finally(() => (this.flushing = null))
        await this.flushing
      }
      this.failures = 0
      return true
    } catch (error) {
      const wait = RETRY_MS[Math.min(this.failures++, RETRY_MS.length - 1)]
      console.error('flush failed, retrying', wait, String(error))
      await this.schedule(Date.now() + wait)
      return false
    }
  }

  private async schedule(at: number) {
    this.alarmAt = at
    await this.ctx.storage.setAlarm(at)
  }

  /**
   * One flush: the changes waiting become the outbox under the next number (unless an outbox
   * failed before: it goes again, unchanged, under its own number), then one D1 batch.
   */
  private async flushOnce(): Promise<void> {
    const meta = this.meta as Meta
    if (meta.outbox_seq === 0) {
      this.ctx.storage.transactionSync(() => {
        for (const what of OUTBOX) {
          this.sql.exec(`INSERT INTO outbox_${what} SELECT * FROM pending_${what}`)
          this.sql.exec(`DELETE FROM pending_${what}`)
        }
        this.sql.exec('UPDATE meta SET outbox_seq = seq + 1, article_dirty = 0 WHERE id = 1')
      })
      meta.outbox_seq = meta.seq + 1
      meta.article_dirty = 0
      this.waiting = 0
    }
    const days = this.sql
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
      answers: this.sql
        .exec<AnswerRow & Record<string, SqlStorageValue>>('SELECT * FROM outbox_answers')
        .toArray(),
      unretired: this.sql
        .exec<{ reader_hash: string; rating: RatingValue }>('SELECT * FROM outbox_unretired')
        .toArray(),
      spam: this.sql
        .exec<{ reader: string }>('SELECT reader FROM outbox_spam')
        .toArray()
        .map((r) => r.reader),
    }
    await writeFlush(this.d1, flush)
    this.ctx.storage.transactionSync(() => {
      for (const what of OUTBOX) this.sql.exec(`DELETE FROM outbox_${what}`)
      // The stored counters are as D1 acknowledges them (Meta): now with this flush.
      this.sql.exec(
        `UPDATE meta SET seq = outbox_seq, outbox_seq = 0,
          ${COUNTERS.map((k) => `${k} = ${k} + ?`).join(', ')} WHERE id = 1`,
        ...COUNTERS.map((k) => total[k]),
      )
    })
    meta.seq = meta.outbox_seq
    meta.outbox_seq = 0
  }

  /**
   * Once a day, on its first alarm: forgets on schedule what D1's retention forgets
   * (yesterday's view marks, old per-address counts, answers past the retention period,
   * which stay counted as retired).
   */
  private async retire() {
    const meta = this.meta
    const now = Date.now()
    const today = jakartaDay(now)
    if (meta && meta.retention_day !== today) {
      const cutoff = objectRetiresBefore(now)
      this.sql.exec('DELETE FROM view_marks WHERE day < ?', today)
      this.sql.exec('DELETE FROM guard_counts WHERE day < ?', jakartaDay(now - DAY_MS))
      const old = this.sql
        .exec<{ reader: string; rating: number; day: string }>(
          `SELECT reader, rating, day FROM answers WHERE answered_at < ? AND spam = 0
          AND reader NOT IN (SELECT reader FROM pending_answers)
          AND reader NOT IN (SELECT reader FROM outbox_answers)`,
          cutoff,
        )
        .toArray()
      for (const r of old) {
        const hash = await retiredMarkHash(meta.site_id, meta.key, r.reader)
        this.sql.exec('INSERT OR REPLACE INTO retired VALUES (?, ?, ?)', hash, r.rating, r.day)
        this.sql.exec('DELETE FROM answers WHERE reader = ?', r.reader)
      }
      this.sql.exec('DELETE FROM answers WHERE answered_at < ? AND spam = 1', cutoff)
      this.retiredCount = this.count('retired')
      this.sql.exec('UPDATE meta SET retention_day = ? WHERE id = 1', today)
      meta.retention_day = today
    }
  }

  /**
   * With nothing waiting, an object left with no reader's row deletes its storage (the next
   * request seeds it from D1 again, where everything is); otherwise it looks again in a day.
   */
  private async tidy() {
    const now = Date.now()
    const empty = this.count('answers') + this.count('view_marks') === 0 && !this.hasPending()
    if (empty && this.busy === 0) {
      // Forgotten in the same turn as the check, and no request starts until the storage is
      // gone: one arriving meanwhile seeds the object again from D1 instead of finding it half gone.
      await this.ctx.blockConcurrencyWhile(async () => {
        this.meta = null
        this.alarmAt = 0
        this.retiredCount = 0
        await this.ctx.storage.deleteAll()
        // Nothing stored until the next article is seeded (ready()), not even the schema.
        this.stored = false
      })
      return
    }
    await this.schedule(now + DAY_MS)
  }
}
