import { COUNTERS } from '../../db/sql'
import { ANSWER_TABLES } from './answers'
import { META_TABLE } from './meta'
import { OUTBOX_TABLES, waitingSum } from './outbox'
import { RETIRED_TABLE } from './retention'

/**
 * Raised with every change of SCHEMA. An object whose storage holds an older number (or none:
 * objects made before it, or new ones) runs SCHEMA, every statement of which keeps what
 * exists; the others skip it. Running its ~20 statements on every activation was a large part
 * of what an object woken from eviction costs its first request (bench/FINDINGS.md).
 */
const SCHEMA_VERSION = 2

// The object's own SQLite: the article's row (meta.ts), its readers' answers, today's view marks
// and the per-address counts (answers.ts), the retired answers (retention.ts), and the changes
// not yet in D1 (outbox.ts).
export const SCHEMA = `${META_TABLE}
${ANSWER_TABLES}
${RETIRED_TABLE}
${OUTBOX_TABLES}
CREATE TABLE IF NOT EXISTS schema_version (v INTEGER NOT NULL);
DELETE FROM schema_version;
INSERT INTO schema_version VALUES (${SCHEMA_VERSION});
`

/** Up to version 1 the stored counters were live: the changes waiting come off, once. */
const COUNTERS_AS_ACKNOWLEDGED = `UPDATE meta SET ${COUNTERS.map(
  (k) => `${k} = ${k} - ${waitingSum(k)}`,
).join(', ')}`

/**
 * Brings the storage to SCHEMA_VERSION; whether it holds SCHEMA. A new object (or one tidied
 * empty) is left without it: it writes nothing until it seeds an article.
 */
export function migrate(storage: DurableObjectStorage): boolean {
  const sql = storage.sql
  let version = 0
  try {
    version = sql.exec<{ v: number }>('SELECT v FROM schema_version').one().v
  } catch {
    // No such table yet: a new object, or one made before SCHEMA_VERSION.
  }
  // Objects made before SCHEMA_VERSION have tables but no version.
  const stored =
    version > 0 ||
    sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").toArray()
      .length > 0
  if (version >= SCHEMA_VERSION || !stored) return stored
  storage.transactionSync(() => {
    sql.exec(SCHEMA)
    // A new object has no meta row yet: then this changes nothing.
    if (version < 2) sql.exec(COUNTERS_AS_ACKNOWLEDGED)
  })
  return stored
}
