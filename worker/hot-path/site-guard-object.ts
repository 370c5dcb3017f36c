import { DurableObject } from 'cloudflare:workers'
import { jakartaDay } from '../domain/calendar/days'
import type { Env } from '../env'

const DAY_MS = 86_400_000

/**
 * The per-network-and-site abuse counts of one site (new readers per site, new article keys
 * per site: storage/address-guard.ts) for the Durable Object hot path, exact because one
 * object counts them all. Article objects ask it only for a reader new to their article, so
 * a reader changing an answer, or a repeated view, never reaches it.
 */
export class SiteGuardObject extends DurableObject<Env> {
  private readonly sql: SqlStorage
  private tidied = ''

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env)
    this.sql = ctx.storage.sql
    this.sql.exec(`CREATE TABLE IF NOT EXISTS counts (key TEXT NOT NULL, day TEXT NOT NULL,
      count INTEGER NOT NULL, PRIMARY KEY (key, day))`)
  }

  /** Counts one attempt against each key of `add`, then answers the day's count of every key asked. */
  count(day: string, add: string[], read: string[]): Record<string, number> {
    // Hashed addresses live two days (docs/privacy-and-retention.md), here as in D1's rate_counters.
    if (this.tidied !== day) {
      this.sql.exec(
        'DELETE FROM counts WHERE day < ?',
        jakartaDay(Date.parse(`${day}T12:00:00+07:00`) - DAY_MS),
      )
      this.tidied = day
    }
    for (const key of add)
      this.sql.exec(
        `INSERT INTO counts VALUES (?, ?, 1) ON CONFLICT (key, day) DO UPDATE SET count = count + 1`,
        key,
        day,
      )
    const counts: Record<string, number> = {}
    for (const key of new Set([...add, ...read]))
      counts[key] =
        this.sql
          .exec<{ count: number }>('SELECT count FROM counts WHERE key = ? AND day = ?', key, day)
          .toArray()[0]?.count ?? 0
    return counts
  }
}
