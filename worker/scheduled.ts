import { database } from './db/client'
import type { Env } from './env'
import { applyRetention } from './storage/retention'
import { pruneWebhookLog } from './storage/webhooks'
import { webhooksMinute } from './webhooks/detect'

/** The daily trigger's cron (wrangler.toml); the other one runs every minute. */
const DAILY_CRON = '30 17 * * *'

/** The webhook log and event marks are kept this long (docs/privacy-and-retention.md). */
const WEBHOOK_LOG_DAYS = 30

/**
 * The cron triggers (wrangler.toml). Daily: retention of per-reader and per-address rows, and
 * of the webhook log. Every minute: webhook events found in a slice of the sites, the
 * comment batches due, and the deliveries due (worker/webhooks/detect.ts webhooksMinute).
 */
export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  const db = database(env.DB)
  const now = controller.scheduledTime
  if (controller.cron === DAILY_CRON) {
    const started = Date.now()
    try {
      const report = await applyRetention(db, now)
      // One line of counts for the operator (no ids, no hashes): `complete: false` means a
      // backlog larger than one run, or rows D1 refused, which the next day's run continues.
      console.log('retention', JSON.stringify({ ...report, ms: Date.now() - started }))
    } finally {
      // Whatever happened to the readers' rows, the webhook log keeps its own 30 days.
      await pruneWebhookLog(db, now - WEBHOOK_LOG_DAYS * 86_400_000)
    }
    return
  }
  await webhooksMinute(db, env, now)
}
