import type { ArticleSeed } from '../../storage/article-flush'
import { COUNTERS } from '../../db/sql'
import type { Meta } from './meta'
import { SCHEMA } from './schema'

// The object reads D1 once in its life, before its first answer: the article's row and its
// readers' rows (storage/article-flush.ts readArticleSeed), and again only when an admin
// changed the article in D1.

/** meta's columns that D1's article row decides: seeding inserts them, reseeding replaces them. */
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

/** The article as D1 holds it, in storage that may not hold SCHEMA yet (`stored`). */
export function seedArticle(
  storage: DurableObjectStorage,
  stored: boolean,
  article: { siteId: string; key: string; opd: string; title: string | null; nowMs: number },
  seed: ArticleSeed,
  day: string,
): Meta {
  const sql = storage.sql
  storage.transactionSync(() => {
    if (!stored) sql.exec(SCHEMA)
    sql.exec(
      `INSERT INTO meta (id, site_id, key, ${SEEDED.join(', ')})
        VALUES (1, ?, ?, ${SEEDED.map(() => '?').join(', ')})`,
      article.siteId,
      article.key,
      ...seeded(seed, { opd: article.opd, title: article.title, first_seen_at: article.nowMs }),
    )
    seedRows(sql, seed, day)
  })
  return sql.exec<Meta & Record<string, SqlStorageValue>>('SELECT * FROM meta').one()
}

/**
 * The article as D1 now holds it, in place of what the object held (its answers and retired
 * ones). Today's view marks and the per-address counts stay: D1 keeps neither for the object.
 */
export function reseed(
  storage: DurableObjectStorage,
  meta: Meta,
  seed: ArticleSeed,
  day: string,
): Meta {
  const sql = storage.sql
  storage.transactionSync(() => {
    sql.exec(
      `UPDATE meta SET ${SEEDED.map((k) => `${k} = ?`).join(', ')} WHERE id = 1`,
      ...seeded(seed, meta),
    )
    sql.exec('DELETE FROM answers')
    sql.exec('DELETE FROM retired')
    seedRows(sql, seed, day)
  })
  return sql.exec<Meta & Record<string, SqlStorageValue>>('SELECT * FROM meta').one()
}

function seedRows(sql: SqlStorage, seed: ArticleSeed, day: string) {
  for (const r of seed.answers)
    sql.exec(
      'INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?)',
      r.reader,
      r.rating,
      r.day,
      r.answered_at,
      r.flagged,
      r.spam,
    )
  for (const r of seed.retired)
    sql.exec('INSERT INTO retired VALUES (?, ?, ?)', r.reader_hash, r.rating, r.day)
  for (const reader of seed.viewedToday)
    sql.exec('INSERT OR IGNORE INTO view_marks VALUES (?, ?)', reader, day)
}
