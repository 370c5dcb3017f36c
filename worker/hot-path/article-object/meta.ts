import type { RatingValue } from '../../domain/figures/rating-scale'
import type { CounterRow } from '../../storage/articles'
import { COUNTERS, type CounterSums } from '../../db/sql'

/**
 * The article's row in the object. Its counters (CounterSums) are live in memory; stored, they
 * are as D1 last acknowledged them, so a vote or view writes no counters row: the changes since
 * are the sums of `pending_days` and `outbox_days`, added back when an instance starts.
 */
export interface Meta extends CounterSums {
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

/** `sangat_puas INTEGER NOT NULL, …, views INTEGER NOT NULL`: a table's counter columns. */
export const COUNTER_COLUMNS = COUNTERS.map((k) => `${k} INTEGER NOT NULL`).join(', ')

export const META_TABLE = `
CREATE TABLE IF NOT EXISTS meta (id INTEGER PRIMARY KEY CHECK (id = 1), site_id TEXT NOT NULL,
  key TEXT NOT NULL, opd TEXT NOT NULL, title TEXT, first_seen_at INTEGER NOT NULL,
  present INTEGER NOT NULL, seq INTEGER NOT NULL, outbox_seq INTEGER NOT NULL DEFAULT 0,
  article_dirty INTEGER NOT NULL DEFAULT 0, retention_day TEXT NOT NULL DEFAULT '',
  ${COUNTER_COLUMNS});`

export function readMeta(sql: SqlStorage): Meta | null {
  return sql.exec<Meta & Record<string, SqlStorageValue>>('SELECT * FROM meta').toArray()[0] ?? null
}

/** The article exists from its first accepted request on (D1 gets it with the flush). */
export function markPresent(sql: SqlStorage, meta: Meta, opd: string) {
  if (meta.present) return
  sql.exec('UPDATE meta SET present = 1, opd = ? WHERE id = 1', opd)
  meta.present = 1
}

/** The counters with `yours`, the reader's rating as the caller knows it (null: none). */
export function counterRow(meta: Meta, yours: RatingValue | null): CounterRow {
  const counters = Object.fromEntries(COUNTERS.map((k) => [k, meta[k]])) as CounterSums
  return { opd: meta.opd, ...counters, yours }
}
