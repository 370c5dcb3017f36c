import { and, desc, eq, type SQL, sql } from 'drizzle-orm'
import { batch } from '../db/batch'
import { type AuditEntry, batchWithAudit } from './audit'
import type { Db } from '../db/client'
import { webhookDeliveries, webhooks } from '../db/schema'
import {
  type DeliveryRow,
  type Format,
  TEST_EVENT,
  type WebhookRow,
} from '../domain/webhooks/events'

// Webhooks, their deliveries (the outbox the cron empties, and the log people read) and the
// event marks that keep each event to once per window. The comments waiting for a webhook's
// next comment.created batch are in webhook-comment-queue.ts.

export interface NewWebhook {
  id: string
  site: string
  opd: string | null
  url: string
  events: string[]
  format: Format
  chatId: string | null
  secret: string
}

const shown = {
  id: webhooks.id,
  site: webhooks.siteId,
  opd: webhooks.opd,
  url: webhooks.url,
  events: webhooks.events,
  format: webhooks.format,
  chat_id: webhooks.chatId,
  enabled: webhooks.enabled,
  failures: webhooks.failures,
  disabled_reason: webhooks.disabledReason,
  created_at: webhooks.createdAt,
}

type Stored = { events: string; enabled: number }
const asRow = <T extends Stored>(r: T) => ({
  ...r,
  events: r.events.split(','),
  enabled: r.enabled === 1,
})

/** Stores a webhook unless its site already has `cap` of them; false when at the cap. */
export async function insertWebhook(
  db: Db,
  w: NewWebhook,
  nowMs: number,
  cap: number,
  audit?: AuditEntry,
): Promise<boolean> {
  const room = sql`(SELECT count(*) FROM webhooks WHERE site_id = ${w.site}) < ${cap}`
  const [inserted] = await batchWithAudit(
    db,
    [
      sql`INSERT INTO webhooks (id, site_id, opd, url, events, format, chat_id, secret, created_at)
      SELECT ${w.id}, ${w.site}, ${w.opd}, ${w.url}, ${w.events.join(',')}, ${w.format},
        ${w.chatId}, ${w.secret}, ${nowMs}
      WHERE ${room}`,
    ],
    audit,
    room,
  )
  return inserted.meta.changes > 0
}

/** Webhooks of a site (or every site), optionally only those of one OPD. */
export async function listWebhooks(
  db: Db,
  filter: { site?: string; opd?: string },
): Promise<WebhookRow[]> {
  const where = and(
    filter.site === undefined ? undefined : eq(webhooks.siteId, filter.site),
    filter.opd === undefined ? undefined : eq(webhooks.opd, filter.opd),
  )
  const rows = await db
    .select(shown)
    .from(webhooks)
    .where(where)
    .orderBy(webhooks.siteId, webhooks.createdAt)
  return rows.map(asRow)
}

export async function webhookById(db: Db, id: string): Promise<WebhookRow | null> {
  const row = await db.select(shown).from(webhooks).where(eq(webhooks.id, id)).get()
  return row ? asRow(row) : null
}

/** Deletes a webhook with its deliveries (the foreign key cascades). */
export async function deleteWebhook(db: Db, id: string, audit?: AuditEntry): Promise<void> {
  const exists = sql`EXISTS (SELECT 1 FROM webhooks WHERE id = ${id})`
  await batchWithAudit(db, [sql`DELETE FROM webhooks WHERE id = ${id}`], audit, exists)
}

/**
 * Turns a webhook on (its failures forgotten) or off by an operator. Off, its pending
 * deliveries are cancelled and its queued comments dropped: an event days old is no news
 * when it comes back.
 */
export async function setWebhookEnabled(
  db: Db,
  id: string,
  enabled: boolean,
  audit?: AuditEntry,
): Promise<void> {
  const exists = sql`EXISTS (SELECT 1 FROM webhooks WHERE id = ${id})`
  await batchWithAudit(
    db,
    [
      enabled
        ? sql`UPDATE webhooks SET enabled = 1, failures = 0, disabled_reason = NULL WHERE id = ${id}`
        : sql`UPDATE webhooks SET enabled = 0, disabled_reason = 'operator' WHERE id = ${id}`,
      sql`UPDATE webhook_deliveries SET state = 'cancelled', body = NULL, next_attempt_at = NULL
      WHERE webhook_id = ${id} AND state = 'pending' AND ${enabled ? 0 : 1}`,
      sql`DELETE FROM webhook_comment_queue WHERE webhook_id = ${id} AND ${enabled ? 0 : 1}`,
    ],
    audit,
    exists,
  )
}

const LOG_ROWS = 100

/** The log: a webhook's latest deliveries, newest first. */
export function deliveriesOf(db: Db, webhookId: string): Promise<DeliveryRow[]> {
  return db
    .select({
      id: webhookDeliveries.id,
      event: webhookDeliveries.event,
      state: webhookDeliveries.state,
      status_code: webhookDeliveries.statusCode,
      error: webhookDeliveries.error,
      attempts: webhookDeliveries.attempts,
      created_at: webhookDeliveries.createdAt,
      last_attempt_at: webhookDeliveries.lastAttemptAt,
      next_attempt_at: webhookDeliveries.nextAttemptAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(LOG_ROWS)
}

/** A webhook as an event is addressed to it: what the body is built from. */
export interface Subscriber {
  id: string
  site: string
  opd: string | null
  format: Format
  chatId: string | null
}

/** A webhook with the events it listens to: detection picks its subscribers out of these. */
export interface Listener extends Subscriber {
  events: string[]
}

/** The enabled webhooks of these sites, in one statement whatever their number. */
export async function listenersOf(db: Db, sites: string[]): Promise<Listener[]> {
  const rows = await db.all<Subscriber & { events: string }>(sql`
    SELECT id, site_id AS site, opd, format, chat_id AS chatId, events FROM webhooks
    WHERE enabled = 1 AND site_id IN (SELECT value FROM json_each(${JSON.stringify(sites)}))
    ORDER BY id`)
  return rows.map((r) => ({ ...r, events: r.events.split(',') }))
}

/** The sites with at least one enabled webhook subscribed to one of `events`, in id order. */
export async function sitesListeningTo(db: Db, events: readonly string[]): Promise<string[]> {
  const rows = await db.all<{ site: string }>(sql`
    SELECT DISTINCT site_id AS site FROM webhooks
    WHERE enabled = 1 AND EXISTS (SELECT 1 FROM json_each(${JSON.stringify(events)}) e
      WHERE instr(',' || events || ',', ',' || e.value || ',') > 0)
    ORDER BY site_id`)
  return rows.map((r) => r.site)
}

export interface EventKey {
  event: string
  subject: string
  window: string
}

export interface NewDelivery {
  id: string
  webhookId: string
  event: string
  body: string
  maxAttempts: number
}

/**
 * Marks the event as seen and queues its deliveries, in one batch of two statements whatever
 * their number: the deliveries are written only if this batch wrote the mark (its random
 * token), so two runs that see the same event queue it once. Without a key (the test button)
 * the deliveries are simply written. `also` adds statements that run under the same condition
 * (given as SQL). Returns whether they were queued.
 */
export async function enqueueDeliveries(
  db: Db,
  key: EventKey | null,
  deliveries: NewDelivery[],
  nowMs: number,
  also: (marked: SQL) => SQL[] = () => [],
): Promise<boolean> {
  const token = crypto.randomUUID()
  const marked =
    key === null
      ? sql`1`
      : sql`EXISTS (SELECT 1 FROM event_marks WHERE event = ${key.event}
          AND subject = ${key.subject} AND window_key = ${key.window} AND token = ${token})`
  // Their order (rowid) is the order they are sent in: a message in parts arrives in order.
  const rows = JSON.stringify(
    deliveries.map((d) => [d.id, d.webhookId, d.event, d.body, d.maxAttempts]),
  )
  const results = await batch(db, [
    key === null
      ? sql`SELECT 1`
      : sql`INSERT INTO event_marks (event, subject, window_key, token, created_at)
          VALUES (${key.event}, ${key.subject}, ${key.window}, ${token}, ${nowMs})
          ON CONFLICT DO NOTHING`,
    sql`INSERT INTO webhook_deliveries
        (id, webhook_id, event, body, state, max_attempts, created_at, next_attempt_at)
      SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, 'pending', value ->> 4,
        ${nowMs}, ${nowMs}
      FROM json_each(${rows}) WHERE ${marked} ORDER BY key`,
    ...also(marked),
  ])
  return key === null || results[0].meta.changes > 0
}

/** The windows of an event already marked for these subjects since `fromWindow` (inclusive). */
export async function markedSince(db: Db, event: string, fromWindow: string): Promise<Set<string>> {
  const rows = await db.all<{ subject: string }>(sql`
    SELECT DISTINCT subject FROM event_marks WHERE event = ${event} AND window_key >= ${fromWindow}`)
  return new Set(rows.map((r) => r.subject))
}

/** A delivery claimed for an attempt, with what signing and sending it needs. */
export interface ClaimedDelivery {
  id: string
  webhookId: string
  event: string
  body: string
  attempts: number
  maxAttempts: number
  url: string
  secret: string
}

/**
 * Claims up to `limit` due deliveries of enabled webhooks, at most `perWebhook` of each (its
 * oldest, so a message in parts goes in order), or exactly the `only` ones (as the test
 * button of a webhook that is off sends its test), by moving their next attempt
 * `leaseMs` ahead: a second run (a cron that overlaps, the request that queued them) does not
 * send them again meanwhile, and a run that dies leaves them due again after the lease.
 */
export async function claimDue(
  db: Db,
  nowMs: number,
  leaseMs: number,
  limits: { limit: number; perWebhook: number },
  only?: string[],
): Promise<ClaimedDelivery[]> {
  const ids =
    only === undefined
      ? sql`1`
      : sql`d.id IN (SELECT value FROM json_each(${JSON.stringify(only)}))`
  const [updated, claimed] = await batch<ClaimedDelivery>(db, [
    sql`UPDATE webhook_deliveries SET next_attempt_at = ${nowMs + leaseMs}
      WHERE id IN (SELECT id FROM (
        SELECT d.id, d.next_attempt_at AS due, row_number() OVER (
          PARTITION BY d.webhook_id ORDER BY d.created_at, d.rowid) AS nth
        FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
        WHERE d.state = 'pending' AND d.next_attempt_at <= ${nowMs} AND ${ids}
          AND (w.enabled = 1 OR ${only === undefined ? 0 : 1}))
        WHERE nth <= ${limits.perWebhook} ORDER BY due LIMIT ${limits.limit})
      RETURNING id`,
    // One transaction: the rows the update just claimed, with their webhook's URL and secret.
    sql`SELECT d.id, d.webhook_id AS webhookId, d.event, d.body, d.attempts,
        d.max_attempts AS maxAttempts, w.url, w.secret
      FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
      WHERE d.state = 'pending' AND d.next_attempt_at = ${nowMs + leaseMs} AND ${ids}
      ORDER BY d.created_at, d.rowid`,
  ])
  const mine = new Set(updated.results.map((r) => r.id))
  return claimed.results.filter((r) => mine.has(r.id))
}

export interface AttemptOutcome {
  delivery: ClaimedDelivery
  ok: boolean
  statusCode: number | null
  error: string | null
  /** The next attempt's time, or null when this attempt was the last. */
  retryAt: number | null
}

/**
 * Records one attempt: the delivery's state, and the webhook's deliveries failed for good in a
 * row, which at `disableAfter` turn it off (its pending deliveries cancelled) — all in one
 * batch. An attempt with retries left changes no count; the test button's changes none.
 * Returns false when the webhook is now off (this attempt turned it off).
 */
export async function recordAttempt(
  db: Db,
  o: AttemptOutcome,
  nowMs: number,
  disableAfter: number,
): Promise<boolean> {
  const d = o.delivery
  const state = o.ok ? 'delivered' : o.retryAt === null ? 'failed' : 'pending'
  const over = state !== 'pending'
  const counted = d.event !== TEST_EVENT
  const [, changed] = await batch<{ enabled: number }>(db, [
    // A delivery cancelled meanwhile (its webhook turned off) stays cancelled.
    sql`UPDATE webhook_deliveries SET state = ${state}, attempts = attempts + 1,
        status_code = ${o.statusCode}, error = ${o.error}, last_attempt_at = ${nowMs},
        next_attempt_at = ${o.retryAt}, body = CASE WHEN ${over ? 1 : 0} THEN NULL ELSE body END
      WHERE id = ${d.id} AND state = 'pending'`,
    o.ok
      ? sql`UPDATE webhooks SET failures = 0 WHERE id = ${d.webhookId} RETURNING enabled`
      : sql`UPDATE webhooks SET failures = failures + 1,
          enabled = CASE WHEN failures + 1 >= ${disableAfter} THEN 0 ELSE enabled END,
          disabled_reason = CASE WHEN failures + 1 >= ${disableAfter} AND enabled = 1
            THEN 'failures' ELSE disabled_reason END
        WHERE id = ${d.webhookId} AND ${state === 'failed' && counted ? 1 : 0}
        RETURNING enabled`,
    sql`UPDATE webhook_deliveries SET state = 'cancelled', body = NULL, next_attempt_at = NULL
      WHERE webhook_id = ${d.webhookId} AND state = 'pending'
        AND (SELECT enabled FROM webhooks WHERE id = ${d.webhookId}) = 0`,
  ])
  return changed.results[0]?.enabled !== 0
}

/** The log's and the marks' retention: finished deliveries and marks older than `cutoffMs`. */
export async function pruneWebhookLog(db: Db, cutoffMs: number): Promise<void> {
  await batch(db, [
    sql`DELETE FROM webhook_deliveries WHERE created_at < ${cutoffMs} AND state <> 'pending'`,
    sql`DELETE FROM event_marks WHERE created_at < ${cutoffMs}`,
  ])
}
