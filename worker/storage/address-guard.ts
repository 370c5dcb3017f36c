import { sql, type SQL } from 'drizzle-orm'

/** A per-address bound on new readers of one article per day (worker/abuse/limits.ts). */
export interface AddressGuard {
  /** `r` for responses, `w` for views: separate budgets. */
  kind: 'r' | 'w'
  addressHash: string
  limit: number
}

/** The counter row's key: kind, hashed address and article, so one address never crowds another article. */
export function guardKey(guard: AddressGuard, articleId: SQL): SQL {
  return sql`${`${guard.kind}:${guard.addressHash}:`} || ${articleId}`
}

/**
 * Counts an attempt by a new reader (allowed or not) in the batch, before the statements
 * that move numbers. Counting refused attempts too keeps the test simple and exact inside
 * the transaction: the attempt is allowed exactly when the count, after it, is within the
 * limit.
 */
export function countAttempt(guard: AddressGuard, articleId: SQL, day: string, isNew: SQL): SQL {
  return sql`INSERT INTO rate_counters (key, window, count)
    SELECT ${guardKey(guard, articleId)}, ${day}, 1 WHERE ${isNew}
    ON CONFLICT (key, window) DO UPDATE SET count = count + 1`
}

export function attempts(guard: AddressGuard, articleId: SQL, day: string): SQL {
  return sql`coalesce((SELECT count FROM rate_counters
    WHERE key = ${guardKey(guard, articleId)} AND window = ${day}), 0)`
}
