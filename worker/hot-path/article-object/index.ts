import { DurableObject } from 'cloudflare:workers'
import { jakartaDay } from '../../domain/calendar/days'
import type { RatingValue } from '../../domain/figures/rating-scale'
import type { Env } from '../../env'
import type { CounterRow } from '../../storage/articles'
import { readArticleSeed } from '../../storage/article-flush'
import { type ArticleEvent, Answers } from './answers'
import { FLUSH_INTERVAL_MS, Outbox } from './outbox'
import { DAY_MS, Retention } from './retention'
import { counterRow, type Meta, readMeta } from './meta'
import { migrate } from './schema'
import { reseed, seedArticle } from './seed'

/**
 * One article's hot path: its readers' answers and views are recorded here, in the object's
 * own SQLite (synchronous, no D1 round trip), its summary answered from memory, and the
 * changes flushed to D1 by an alarm in one idempotent batch (storage/article-flush.ts).
 *
 * The object reads D1 once in its life, before its first answer (the article's row and its
 * readers' rows); after that, and after being evicted from memory, it answers from its own
 * storage. D1 stays the record every statistic reads.
 *
 * This class is the object's RPC face and owns its one alarm; each capability owns its tables:
 * meta.ts the article's row, schema.ts the schema and its migration, seed.ts the reading of
 * D1, answers.ts the answers, views and abuse bounds, outbox.ts the changes waiting and their
 * flush, retention.ts what is forgotten on schedule.
 */
export class ArticleObject extends DurableObject<Env> {
  private readonly sql: SqlStorage
  private meta: Meta | null = null
  /** When the next alarm is due, as this instance set it (0: not set by this instance). */
  private alarmAt = 0
  /** Requests under way: tidy() never deletes the storage of an object one of them is using. */
  private busy = 0
  /**
   * Whether the storage holds SCHEMA. A new object (or one tidy() emptied) writes nothing until
   * it seeds an article (ready()), so a request that records nothing leaves no storage behind.
   */
  private stored = false
  /** D1 as the object writes it; the failure tests put a failing one in its place. */
  d1: D1Database
  private readonly outbox: Outbox
  private readonly retention: Retention
  private readonly answers: Answers

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    this.d1 = env.DB
    this.outbox = new Outbox({
      storage: ctx.storage,
      meta: () => this.meta,
      d1: () => this.d1,
      alarmAt: () => this.alarmAt,
      schedule: (at) => this.schedule(at),
    })
    this.retention = new Retention(this.sql)
    this.answers = new Answers(
      this.sql,
      env,
      () => this.meta,
      this.outbox,
      this.retention,
      () => this.outbox.flushWaiting(),
    )
    this.stored = migrate(ctx.storage)
    // Nothing stored: no article, nothing waiting, no alarm.
    if (!this.stored) return
    this.meta = readMeta(this.sql)
    this.retention.restore()
    const waiting = this.outbox.restore(this.meta)
    // Known, so that the first change after a restart sets no alarm when the flush is near.
    void ctx.blockConcurrencyWhile(async () => {
      this.alarmAt = (await ctx.storage.getAlarm()) ?? 0
      // Changes are stored with their alarm; this only mends a storage that lost it.
      if (waiting) this.outbox.flushBy(Date.now() + FLUSH_INTERVAL_MS)
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

  /** A reader's answer; the article's counters with `yours`, or no `yours` (or no row) when refused. */
  async vote(event: ArticleEvent & { rating: RatingValue }): Promise<CounterRow | undefined> {
    return this.serving(async () => {
      await this.ready(event)
      return this.answers.vote(event)
    })
  }

  /** A reader's view: counted once a day; false when the abuse bound refused it. */
  async view(event: ArticleEvent): Promise<boolean> {
    return this.serving(async () => {
      await this.ready(event)
      return this.answers.view(event)
    })
  }

  /**
   * A page view (docs/contract.md §12): the view counted as view() counts it, and the counters
   * with the reader's answer after it, in one call. Undefined while the article does not exist
   * (the abuse bound refused the view of an article nobody has seen).
   */
  async visit(event: ArticleEvent): Promise<{ counted: boolean; row: CounterRow | undefined }> {
    return this.serving(async () => {
      await this.ready(event)
      const counted = await this.answers.view(event)
      const meta = this.meta
      const row = meta?.present ? counterRow(meta, this.answers.ratingOf(event.reader)) : undefined
      return { counted, row }
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
      return counterRow(
        this.meta,
        event.reader === null ? null : this.answers.ratingOf(event.reader),
      )
    })
  }

  /** Sends every change still waiting to D1, and resolves once D1 holds it (throws if D1 fails). */
  async flush(): Promise<void> {
    await this.outbox.flushAll()
  }

  override async alarm(): Promise<void> {
    this.alarmAt = 0
    if (!this.meta) return
    if (!(await this.outbox.flushWaiting())) return
    if (this.meta) await this.retention.retire(this.meta)
    if (this.outbox.hasPending()) await this.schedule(Date.now() + this.outbox.delay())
    else await this.tidy()
  }

  /**
   * The admin's exclusion of the article's flagged answers (api/admin/flagged.ts): they leave
   * the counters and their days here at once, and D1 with the next flush (which marks them).
   */
  async excludeFlagged(event: Pick<ArticleEvent, 'siteId' | 'key' | 'day' | 'opd'>) {
    return this.serving(async () => {
      await this.ready({ ...event, title: null, nowMs: Date.now() })
      return this.answers.excludeFlagged()
    })
  }

  /**
   * An admin changed this article in D1 (moved or retitled it, merged or deleted its OPD):
   * what waits goes to D1 first, then the object takes the article as D1 now holds it. Nothing
   * runs in between (blockConcurrencyWhile), so a vote lands either before (flushed) or after
   * (on the new state). Today's view marks and the per-address counts stay: D1 keeps neither
   * for the object path.
   *
   * A flush already under way (the alarm's, a first answer's) is awaited outside the section,
   * never inside: D1's answer to a request begun outside blockConcurrencyWhile is held until the
   * section ends, so the section would wait for itself for ever.
   */
  async reread(): Promise<void> {
    for (;;) {
      if (!this.meta) return
      await this.flush()
      const done = await this.ctx.blockConcurrencyWhile(async () => {
        if (this.outbox.sending()) return false
        if (!this.meta) return true
        await this.flush()
        const meta = this.meta
        const day = jakartaDay(Date.now())
        const seed = await readArticleSeed(this.d1, meta.site_id, meta.key, day)
        this.meta = reseed(this.ctx.storage, meta, seed, day)
        this.answers.inD1 = null
        this.retention.restore(seed.retired.length)
        return true
      })
      if (done) return
    }
  }

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
      this.meta = seedArticle(this.ctx.storage, this.stored, event, seed, event.day)
      this.stored = true
      this.answers.inD1 = null
      this.retention.restore(seed.retired.length)
      // An object that is never answered forgets even its seed a day later (tidy).
      await this.schedule(Date.now() + DAY_MS)
    })
    this.lateTitle(event.title)
  }

  /** A title arriving where the first request had none is kept, as on the D1 path. */
  private lateTitle(title: string | null) {
    if (!this.meta || this.meta.title !== null || title === null) return
    this.sql.exec('UPDATE meta SET title = ?, article_dirty = 1 WHERE id = 1', title)
    this.meta.title = title
    this.meta.article_dirty = 1
    if (this.meta.present) this.outbox.changed()
  }

  private async schedule(at: number) {
    this.alarmAt = at
    await this.ctx.storage.setAlarm(at)
  }

  /**
   * With nothing waiting, an object left with no reader's row deletes its storage (the next
   * request seeds it from D1 again, where everything is); otherwise it looks again in a day.
   */
  private async tidy() {
    const now = Date.now()
    const empty = this.answers.none() && !this.outbox.hasPending() && !this.outbox.sending()
    if (empty && this.busy === 0) {
      // Forgotten in the same turn as the check, and no request starts until the storage is
      // gone: one arriving meanwhile seeds the object again from D1 instead of finding it half gone.
      await this.ctx.blockConcurrencyWhile(async () => {
        this.meta = null
        this.alarmAt = 0
        this.retention.restore(0)
        await this.ctx.storage.deleteAll()
        // Nothing stored until the next article is seeded (ready()), not even the schema.
        this.stored = false
      })
      return
    }
    await this.schedule(now + DAY_MS)
  }
}
