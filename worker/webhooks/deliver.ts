import type { SQL } from 'drizzle-orm'
import type { Db } from '../db/client'
import {
  DELIVERY_TIMEOUT_MS,
  DISABLE_AFTER_FAILURES,
  MAX_ATTEMPTS,
  nextAttemptAt,
  retryable,
  signature,
} from '../domain/webhooks/events'
import { checkOutboundUrl } from '../domain/webhooks/outbound-url'
import type { Env } from '../env'
import {
  type ClaimedDelivery,
  claimDue,
  type EventKey,
  enqueueDeliveries,
  type NewDelivery,
  recordAttempt,
  type Subscriber,
} from '../storage/webhooks'
import { deliveryBodies } from './messages'

// Deliveries (docs/contract.md §9): queued in D1 (webhook_deliveries is the outbox and the log) and
// sent by the per-minute cron (worker/scheduled.ts, worker/webhooks/detect.ts webhooksMinute);
// the test button sends its one delivery itself. Never inside a vote or any other answer.

/** An event to tell the webhooks of a site (or one OPD of it). */
export interface WebhookEvent {
  name: string
  site: string
  /** The OPD it is about; null for a whole site's event. */
  opd: string | null
  /** Once-per-window key; null for the test button (every press is a delivery). */
  key: EventKey | null
  /** The event's figures for one webhook (a digest narrows to the webhook's OPD). */
  render(to: Subscriber): { data: Record<string, unknown>; text: string } | null
}

/** Whether loopback and private receivers are allowed (npm start, tests), not when deployed. */
export function allowsLocal(env: Pick<Env, 'ALLOW_LOCAL_ADDRESSES'>): boolean {
  return env.ALLOW_LOCAL_ADDRESSES === 'on'
}

/**
 * Queues the event's deliveries to the given webhooks, once per the event's window: one per
 * webhook, or several numbered ones for a Telegram text too long for one message. `also`:
 * statements that go with them (worker/storage/webhooks.ts enqueueDeliveries). Returns the
 * new deliveries' ids (none when no one subscribes or the event was seen).
 */
export async function dispatch(
  db: Db,
  event: WebhookEvent,
  nowMs: number,
  to: Subscriber[],
  also?: (marked: SQL) => SQL[],
): Promise<string[]> {
  const deliveries: NewDelivery[] = []
  for (const sub of to) {
    const rendered = event.render(sub)
    if (rendered === null) continue
    // The JSON body names its delivery: a Telegram message in parts has one id per part.
    const id = crypto.randomUUID()
    deliveryBodies(sub, { ...event, ...rendered, delivery: id, nowMs }).forEach((body, i) => {
      deliveries.push({
        id: i === 0 ? id : crypto.randomUUID(),
        webhookId: sub.id,
        event: event.name,
        body,
        maxAttempts: event.key === null ? 1 : MAX_ATTEMPTS,
      })
    })
  }
  if (deliveries.length === 0 && also === undefined) return []
  const queued = await enqueueDeliveries(db, event.key, deliveries, nowMs, also)
  return queued ? deliveries.map((d) => d.id) : []
}

interface Attempt {
  ok: boolean
  statusCode: number | null
  error: string | null
}

async function attempt(d: ClaimedDelivery, timeoutMs: number, allowLocal: boolean, nowMs: number) {
  // Checked again at sending: a URL stored under a looser setting is not sent to.
  if (!checkOutboundUrl(d.url, allowLocal).ok) {
    return { ok: false, statusCode: null, error: 'address_not_allowed' } satisfies Attempt
  }
  try {
    const res = await fetch(d.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Tanggapan-Webhook/1',
        'X-Tanggapan-Event': d.event,
        'X-Tanggapan-Delivery': d.id,
        'X-Tanggapan-Signature': await signature(d.secret, d.body, nowMs),
      },
      body: d.body,
      // A redirect could lead anywhere, a private address included: it is an answer, not a hop.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    await res.body?.cancel()
    return {
      ok: res.status >= 200 && res.status < 300,
      statusCode: res.status,
      error: res.status >= 200 && res.status < 300 ? null : `http_${res.status}`,
    } satisfies Attempt
  } catch (err) {
    const timedOut = err instanceof Error && err.name === 'TimeoutError'
    return {
      ok: false,
      statusCode: null,
      error: timedOut ? 'timeout' : 'network',
    } satisfies Attempt
  }
}

const BATCH = 50
// A webhook's deliveries in one run: sent one after another, so a message in parts arrives in
// order, and few enough for Telegram's 20 messages a minute to a group.
const PER_WEBHOOK = 5
/** A run's D1 statements at most: the claim (2), then 3 to record each attempt. */
export const DELIVERY_MAX_STATEMENTS = 2 + BATCH * 3

export interface DeliverOptions {
  /** Only these deliveries (the ones a request just queued). */
  only?: string[]
  timeoutMs?: number
}

/**
 * Sends what is due: claims up to 50 deliveries (5 a webhook), sends each webhook's in order and the
 * webhooks side by side (each attempt within the timeout), and records every attempt with its
 * retry time (worker/domain/webhooks/events.ts). Returns how many were attempted.
 */
export async function deliverDue(
  db: Db,
  env: Pick<Env, 'ALLOW_LOCAL_ADDRESSES'>,
  nowMs: number,
  options: DeliverOptions = {},
): Promise<number> {
  const timeoutMs = options.timeoutMs ?? DELIVERY_TIMEOUT_MS
  if (options.only?.length === 0) return 0
  // The lease outlasts a webhook's attempts one after another, so no other run sends the same
  // delivery meanwhile.
  const leaseMs = PER_WEBHOOK * timeoutMs + 50_000
  const claimed = await claimDue(
    db,
    nowMs,
    leaseMs,
    { limit: BATCH, perWebhook: PER_WEBHOOK },
    options.only,
  )
  const byWebhook = new Map<string, ClaimedDelivery[]>()
  for (const d of claimed) byWebhook.set(d.webhookId, [...(byWebhook.get(d.webhookId) ?? []), d])
  await Promise.all(
    [...byWebhook.values()].map(async (mine) => {
      for (const d of mine) {
        const result = await attempt(d, timeoutMs, allowsLocal(env), nowMs)
        const final = result.ok || !retryable(result.statusCode)
        const retryAt = final ? null : nextAttemptAt(d.attempts + 1, d.maxAttempts, nowMs)
        const outcome = { delivery: d, ...result, retryAt }
        // For the operator's logs (docs/operations.md «Logs»): which webhook, how it went and
        // whether it goes again; never the body, which may quote a comment.
        if (!result.ok) {
          const line = { webhook: d.webhookId, event: d.event, error: result.error, retryAt }
          console.warn('webhook delivery failed', JSON.stringify(line))
        }
        // Turned off by this failure: the rest of its deliveries were just cancelled.
        if (!(await recordAttempt(db, outcome, nowMs, DISABLE_AFTER_FAILURES))) break
      }
    }),
  )
  return claimed.length
}
