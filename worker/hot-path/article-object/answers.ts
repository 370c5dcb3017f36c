import { type RatingValue, ratingKey } from '../../domain/figures/rating-scale'
import type { Env } from '../../env'
import type { AddressGuard, GuardKeys, ResponseGuard } from '../../storage/address-guard'
import type { CounterRow } from '../../storage/articles'
import { retiredMarkHash } from '../../storage/retention'
import { type Outbox, SENT } from './outbox'
import type { Retention } from './retention'
import { counterRow, markPresent, type Meta } from './meta'

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

interface Answer {
  rating: RatingValue
  day: string
  flagged: number
  spam: number
}

// The article's readers' answers (all of them, so a changed answer is found without D1),
// today's view marks, and the per-address counts of this article.
export const ANSWER_TABLES = `
CREATE TABLE IF NOT EXISTS answers (reader TEXT PRIMARY KEY, rating INTEGER NOT NULL,
  day TEXT NOT NULL, answered_at INTEGER NOT NULL, flagged INTEGER NOT NULL, spam INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS answers_answered ON answers (answered_at);
CREATE TABLE IF NOT EXISTS view_marks (reader TEXT NOT NULL, day TEXT NOT NULL,
  PRIMARY KEY (reader, day));
CREATE TABLE IF NOT EXISTS guard_counts (key TEXT NOT NULL, day TEXT NOT NULL,
  count INTEGER NOT NULL, PRIMARY KEY (key, day));`

/**
 * The rules of an article's answers and views: one answer per reader (changed, not added),
 * one view per reader and day, the abuse bounds for a new reader, and the admin's exclusion
 * of flagged answers. Every change goes to the counters and the outbox at once.
 */
export class Answers {
  /** Whether D1 holds an answer of this article (null: not known yet, read from storage). */
  inD1: boolean | null = null

  constructor(
    private readonly sql: SqlStorage,
    private readonly env: Env,
    /** The article's row, seeded before any answer (null once tidied). */
    private readonly meta: () => Meta | null,
    private readonly outbox: Outbox,
    private readonly retention: Retention,
    /** Sends what waits to D1 now; false when D1 failed. */
    private readonly flushNow: () => Promise<boolean>,
  ) {}

  /** A reader's answer; the article's counters with `yours`, or no `yours` (or no row) when refused. */
  async vote(event: ArticleEvent & { rating: RatingValue }): Promise<CounterRow | undefined> {
    const { reader, rating, day } = event
    const { site_id, key } = this.meta() as Meta
    // Hashed before the reader's answer is read, so that nothing is awaited between reading
    // it and writing it but the guard, after which it is read again.
    const retiredHash = this.retention.any ? await retiredMarkHash(site_id, key, reader) : null
    let before = this.answer(reader)
    if (before?.spam || before?.rating === rating) return this.row(before.rating)
    let flagged = before?.flagged ?? 0
    if (!before && event.guard) {
      const admitted = await this.admit(event, 'r')
      // Another request of the same reader may have been answered while the guard was asked.
      before = this.answer(reader)
      if (before?.spam || before?.rating === rating) return this.row(before.rating)
      if (!before && !admitted.allowed) return this.meta()?.present ? this.row(null) : undefined
      flagged = before?.flagged ?? admitted.flagged
    }
    markPresent(this.sql, this.meta() as Meta, event.opd)
    if (before) this.move(before.rating, before.day, -1)
    else if (retiredHash) {
      // A reader whose response retention retired answers like one who changed their answer.
      const retired = this.retention.unretire(retiredHash)
      if (retired) {
        this.outbox.unretired(retiredHash, retired.rating)
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
    this.outbox.answer({ reader, rating, day, answered_at: event.nowMs, flagged })
    this.outbox.changed()
    await this.firstAnswerToD1()
    return this.row(rating)
  }

  /**
   * While D1 holds no answer of this article, the answer goes there before the vote returns.
   * The Worker then knows from D1 alone that an article has no answer anywhere, so a comment or
   * reasons for it wakes no object (article.ts, flushReaderFirst). Once per article: later
   * answers wait for the alarm as ever. A D1 failure leaves it to the alarm.
   */
  private async firstAnswerToD1() {
    this.inD1 ??= this.sql.exec(`SELECT 1 FROM answers WHERE ${SENT} LIMIT 1`).toArray().length > 0
    if (this.inD1) return
    if (await this.flushNow()) this.inD1 = true
  }

  /** A reader's view: counted once a day; false when the abuse bound refused it. */
  async view(event: ArticleEvent): Promise<boolean> {
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
    markPresent(this.sql, this.meta() as Meta, event.opd)
    this.outbox.count(event.day, { views: 1 })
    this.outbox.changed()
    return true
  }

  /**
   * The admin's exclusion of the article's flagged answers (api/admin/flagged.ts): they leave
   * the counters and their days here at once, and D1 with the next flush (which marks them).
   */
  excludeFlagged(): number {
    const flagged = this.sql
      .exec<{ reader: string; rating: RatingValue; day: string }>(
        'SELECT reader, rating, day FROM answers WHERE flagged = 1 AND spam = 0',
      )
      .toArray()
    for (const r of flagged) {
      this.move(r.rating, r.day, -1)
      this.sql.exec('UPDATE answers SET spam = 1 WHERE reader = ?', r.reader)
      this.outbox.spam(r.reader)
    }
    if (flagged.length > 0) this.outbox.changed()
    return flagged.length
  }

  /** The reader's rating as stored (null: none). */
  ratingOf(reader: string): RatingValue | null {
    return this.answer(reader)?.rating ?? null
  }

  /** Whether no reader's row is left (no answer, no view mark). */
  none(): boolean {
    return (
      this.sql.exec('SELECT 1 FROM answers UNION ALL SELECT 1 FROM view_marks LIMIT 1').toArray()
        .length === 0
    )
  }

  private answer(reader: string): Answer | undefined {
    return this.sql
      .exec<Answer & Record<string, SqlStorageValue>>(
        'SELECT rating, day, flagged, spam FROM answers WHERE reader = ?',
        reader,
      )
      .toArray()[0]
  }

  /** One answer added to (+1) or taken off (−1) the counters and its day's change. */
  private move(rating: RatingValue, day: string, sign: 1 | -1) {
    this.outbox.count(day, { [ratingKey(rating)]: sign })
  }

  private row(yours: RatingValue | null): CounterRow {
    return counterRow(this.meta() as Meta, yours)
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
    const isNewArticle = !this.meta()?.present
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
}
