import { database } from './db/client'
import type { Env } from './env'
import { applyRetention } from './storage/retention'

/** The daily cron trigger (wrangler.toml): retention of per-reader and per-address rows. */
export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  const started = Date.now()
  const report = await applyRetention(database(env.DB), controller.scheduledTime)
  // One line of counts for the operator (no ids, no hashes): `complete: false` means a
  // backlog larger than one run, which the next day's run continues.
  console.log('retention', JSON.stringify({ ...report, ms: Date.now() - started }))
}
