import { executeLocalSql, queryLocalSql } from '../scripts/local-d1'
import { prepareLocalDatabase } from '../scripts/local-server'
import { type Consistency, consistencyQuery, type Shape, syntheticSql } from './synthetic-data'

export interface Loaded extends Consistency {
  /** Wall time of the bulk load alone (migrations and demo data excluded). */
  loadSeconds: number
  tables: ReadonlySet<string>
  shape: Shape
}

/**
 * A local D1 with migrations, the demo data and a synthetic shape, checked for the counter
 * invariant before anything is measured on it.
 */
export async function loadDataset(
  port: number,
  persistTo: string,
  shape: Shape,
  today: string,
): Promise<Loaded> {
  await prepareLocalDatabase(port, persistTo)
  const names = queryLocalSql<{ name: string }>(
    `SELECT name FROM sqlite_master WHERE type = 'table'`,
    persistTo,
  )
  const tables = new Set(names.map((row) => row.name))
  const started = performance.now()
  executeLocalSql(syntheticSql(shape, today, tables), persistTo)
  const loadSeconds = (performance.now() - started) / 1000
  const [check] = queryLocalSql<Consistency>(consistencyQuery(tables), persistTo)
  if (check.off_days || check.off_responses || check.off_opd_days) {
    throw new Error(`synthetic data breaks the counter invariant: ${JSON.stringify(check)}`)
  }
  return { ...check, loadSeconds, tables, shape }
}
