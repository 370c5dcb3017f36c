import { type AnyD1Database, drizzle } from 'drizzle-orm/d1'
import * as schema from './schema'

export type Db = ReturnType<typeof database>

// AnyD1Database is D1Database where the Workers types are loaded, so node's tsconfig (scripts,
// unit tests reaching storage types) compiles this file too.
export function database(d1: AnyD1Database) {
  return drizzle(d1, { schema })
}
