import { jakartaDay } from '../../domain/calendar/days'
import type { RatingValue } from '../../domain/figures/rating-scale'
import { objectRetiresBefore } from '../../storage/article-flush'
import { retiredMarkHash } from '../../storage/retention'
import { SENT } from './outbox'
import type { Meta } from './meta'

export const DAY_MS = 86_400_000

// Answers past the retention period, still counted: by a hash of their reader, as D1's
// retired marks (storage/retention.ts).
export const RETIRED_TABLE = `
CREATE TABLE IF NOT EXISTS retired (reader_hash TEXT PRIMARY KEY, rating INTEGER NOT NULL,
  day TEXT NOT NULL);`

/** What the object forgets on schedule, as D1's retention does, and the answers it retires. */
export class Retention {
  /** Rows of `retired`, so a new reader's vote looks there only when there is something. */
  private retired = 0

  constructor(private readonly sql: SqlStorage) {}

  /** The count as stored (an instance starting), or as seeded (`n`), or none (tidied). */
  restore(n = this.sql.exec<{ n: number }>('SELECT count(*) AS n FROM retired').one().n) {
    this.retired = n
  }

  /** Whether any answer is retired: only then has a new reader's answer a mark to look up. */
  get any(): boolean {
    return this.retired > 0
  }

  /** Takes a retired answer back (its reader answered again); undefined when there is none. */
  unretire(readerHash: string): { rating: RatingValue; day: string } | undefined {
    const retired = this.sql
      .exec<{ rating: RatingValue; day: string }>(
        'SELECT rating, day FROM retired WHERE reader_hash = ?',
        readerHash,
      )
      .toArray()[0]
    if (!retired) return undefined
    this.sql.exec('DELETE FROM retired WHERE reader_hash = ?', readerHash)
    this.retired--
    return retired
  }

  /**
   * Once a day, on its first alarm: forgets on schedule what D1's retention forgets
   * (yesterday's view marks, old per-address counts, answers past the retention period,
   * which stay counted as retired).
   */
  async retire(meta: Meta) {
    const now = Date.now()
    const today = jakartaDay(now)
    if (meta.retention_day === today) return
    const cutoff = objectRetiresBefore(now)
    this.sql.exec('DELETE FROM view_marks WHERE day < ?', today)
    this.sql.exec('DELETE FROM guard_counts WHERE day < ?', jakartaDay(now - DAY_MS))
    const old = this.sql
      .exec<{ reader: string; rating: number; day: string }>(
        `SELECT reader, rating, day FROM answers WHERE answered_at < ? AND spam = 0 AND ${SENT}`,
        cutoff,
      )
      .toArray()
    for (const r of old) {
      const hash = await retiredMarkHash(meta.site_id, meta.key, r.reader)
      this.sql.exec('INSERT OR REPLACE INTO retired VALUES (?, ?, ?)', hash, r.rating, r.day)
      this.sql.exec('DELETE FROM answers WHERE reader = ?', r.reader)
    }
    this.sql.exec('DELETE FROM answers WHERE answered_at < ? AND spam = 1', cutoff)
    this.restore()
    this.sql.exec('UPDATE meta SET retention_day = ? WHERE id = 1', today)
    meta.retention_day = today
  }
}
