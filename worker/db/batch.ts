import type { SQL } from 'drizzle-orm'
import { SQLiteAsyncDialect } from 'drizzle-orm/sqlite-core'
import type { Db } from './client'

// drizzle-orm 0.45's D1 `db.batch()` fails on raw `sql` items that carry parameters (a
// SQLiteRaw has no prepared statement to bind). The conditional counter moves need raw SQL,
// so they are composed with drizzle's `sql` and run here as one D1 batch: one transaction,
// one round trip.
const dialect = new SQLiteAsyncDialect()

/** Runs the statements as one transaction; their results (rows and meta), in order. */
export async function batch<Row = Record<string, unknown>>(
  db: Db,
  queries: SQL[],
): Promise<D1Result<Row>[]> {
  const d1 = db.$client
  const statements = queries.map((query) => {
    const { sql, params } = dialect.sqlToQuery(query)
    return d1.prepare(sql).bind(...params)
  })
  return d1.batch<Row>(statements)
}
