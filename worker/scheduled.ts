import { database } from './db/client'
import type { Env } from './env'
import { applyRetention } from './storage/retention'

/** The daily cron trigger (wrangler.toml): retention of per-reader and per-address rows. */
export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  const report = await applyRetention(database(env.DB), controller.scheduledTime)
  console.log('retention', JSON.stringify(report))
}
