import { database } from './db/client'
import type { Env } from './env'
import type { Db } from './db/client'
import { owe, owedSince, settle } from './storage/job-backlog'
import { applyRetention, type RetentionOptions } from './storage/retention'
import { pruneWebhookLog } from './storage/webhooks'
import { webhooksMinute } from './webhooks/detect'

/** The daily trigger's cron (wrangler.toml); the other one runs every minute. */
const DAILY_CRON = '30 17 * * *'

/** The webhook log and event marks are kept this long (docs/privacy-and-retention.md). */
const WEBHOOK_LOG_DAYS = 30

/**
 * What one invocation of retention does at most, so that it stays within half of the
 * Worker's CPU limit (wrangler.toml `cpu_ms = 200`) whatever the backlog. The Worker's own CPU
 * in retention is the two SHA-256 marks per retired response (the deletes run in D1): about
 * 5 µs a response for the hashing itself (Node, synchronous), 15–22 µs with WebCrypto's
 * promise per hash in the local runtime (75–110 ms per 5,000 timed there), so two batches of
 * 1,000 are 30–45 ms. The other tables' batches are deletes D1 does alone. A night's national
 * backlog (docs/SCALING.md: ~330,000 responses) takes the every-minute trigger under three
 * hours; its capacity, 2,000 responses a minute, is 2.9 million a day.
 */
const RETENTION_SLICE: RetentionOptions = {
  responseRows: 1_000,
  maxResponseBatches: 2,
  maxBatches: 12,
  // Wall time: a slice that waits on a slow D1 gives way to the next minute's.
  budgetMs: 30_000,
}

/**
 * The cron triggers (wrangler.toml). Daily: retention of per-reader and per-address rows, and
 * of the webhook log. Every minute: webhook events found in a slice of the sites, the
 * comment batches due, and the deliveries due (worker/webhooks/detect.ts webhooksMinute); and
 * the rest of retention while the daily run left some (a bounded slice per invocation,
 * continued from a `job_backlog` row rather than a Queue: the minute trigger exists already,
 * and a backlog costs one row read a minute).
 */
export async function scheduled(controller: ScheduledController, env: Env): Promise<void> {
  const db = database(env.DB)
  const now = controller.scheduledTime
  if (controller.cron === DAILY_CRON) {
    try {
      await retentionSlice(db, now)
    } finally {
      // Whatever happened to the readers' rows, the webhook log keeps its own 30 days.
      await pruneWebhookLog(db, now - WEBHOOK_LOG_DAYS * 86_400_000)
    }
    return
  }
  await webhooksMinute(db, env, now)
  if ((await owedSince(db, 'retention')) !== null) await retentionSlice(db, now)
}

/** One bounded run of retention; what it leaves is owed to the next minute's trigger. */
async function retentionSlice(db: Db, now: number): Promise<void> {
  const started = Date.now()
  const report = await applyRetention(db, now, RETENTION_SLICE)
  const { batches, failed, complete, ...counts } = report
  const progressed = Object.values(counts).some((n) => n > 0)
  // A slice that stopped at its bound continues next minute. One that only met rows D1
  // refuses would meet them again each minute: those wait for the next night's run.
  if (complete || !progressed) await settle(db, 'retention')
  else await owe(db, 'retention', now)
  // One line of counts for the operator (no ids, no hashes): `complete: false` means the
  // rest waits for the next minute (or night, see above).
  console.log('retention', JSON.stringify({ ...report, ms: Date.now() - started }))
}
