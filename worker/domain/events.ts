import { hmacHex } from './crypto'
import { addDays } from './days'
import { isSilent } from './embed-health'
import { grade, ikm, type Grade } from './ikm'
import { totalOf, type Counts } from './rating-scale'

// The webhook events (CONTRACT §9) and the rules that decide them: pure functions of the
// roll-ups' figures, so each threshold is unit-tested (test/unit/webhook-events.test.ts) and
// written down once, here and in README «Webhooks».

export const EVENTS = [
  'comment.created',
  'ikm.grade_dropped',
  'tidak_puas.spike',
  'site.silent',
  'digest.weekly',
] as const
export type EventName = (typeof EVENTS)[number]

/** What the test button sends: no subscription needed, never retried. */
export const TEST_EVENT = 'webhook.test'

export const FORMATS = ['json', 'telegram'] as const
export type Format = (typeof FORMATS)[number]

// Delivery: the first attempt and four retries, 1 min, 5 min, 30 min and 2 h apart (about
// 2.5 h in all), on a 5xx, 408, 429, a timeout or a network error. Any other answer is final.
const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000]
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1
/** Failed attempts in a row (of any delivery, test button included) that turn a webhook off. */
export const DISABLE_AFTER_FAILURES = 10
export const DELIVERY_TIMEOUT_MS = 10_000

/** `sha256=<hex>`: HMAC-SHA256 of the body's UTF-8 bytes, keyed with the secret's (Web Crypto). */
export async function signature(secret: string, body: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return `sha256=${await hmacHex(key, body)}`
}

/** When a failed attempt (the `attempts`-th) is tried again, or null when it is the last. */
export function nextAttemptAt(attempts: number, maxAttempts: number, nowMs: number) {
  if (attempts >= maxAttempts) return null
  return nowMs + RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1]
}

/** Whether an attempt's HTTP answer (or null: timeout, network error) is worth another try. */
export function retryable(status: number | null): boolean {
  return status === null || status >= 500 || status === 408 || status === 429
}

// ikm.grade_dropped: the last 7 whole Jakarta days against the 7 before them, each with at
// least this many answers. 30 is where a mean of 1–4 ratings stops jumping a grade on a few
// answers (its standard error is then at most about 5 IKM points).
export const GRADE_DROP_MIN_ANSWERS = 30
/** After a drop, the same OPD is not told again for this many days (the windows overlap). */
export const GRADE_DROP_QUIET_DAYS = 7

export interface GradeDrop {
  before: { ikm: number; grade: Grade; answers: number }
  after: { ikm: number; grade: Grade; answers: number }
}

const GRADE_ORDER: Grade[] = ['A', 'B', 'C', 'D']

export function gradeDrop(before: Counts, after: Counts): GradeDrop | null {
  const [b, a] = [before, after].map((counts) => {
    const index = ikm(counts)
    return { ikm: index ?? 0, grade: grade(index) ?? 'D', answers: totalOf(counts) }
  })
  if (b.answers < GRADE_DROP_MIN_ANSWERS || a.answers < GRADE_DROP_MIN_ANSWERS) return null
  return GRADE_ORDER.indexOf(a.grade) > GRADE_ORDER.indexOf(b.grade)
    ? { before: b, after: a }
    : null
}

/** The two 7-day windows compared on Jakarta day `today`: both end before today. */
export function gradeWindows(today: string) {
  return {
    before: { from: addDays(today, -14), to: addDays(today, -8) },
    after: { from: addDays(today, -7), to: addDays(today, -1) },
  }
}

// tidak_puas.spike: an article's Tidak Puas answers in the last hour against its usual hourly
// rate (its Tidak Puas over the 7 days before today, per hour). A spike is at least
// SPIKE_MIN_ANSWERS and at least SPIKE_FACTOR times the usual rate: 5 in an hour on a quiet
// article, 40 on one that usually gets 10 an hour. At most once per article and Jakarta day.
const SPIKE_MIN_ANSWERS = 5
const SPIKE_FACTOR = 4
const BASELINE_HOURS = 7 * 24

export function spikeThreshold(tidakPuasLast7Days: number): number {
  return Math.max(
    SPIKE_MIN_ANSWERS,
    Math.ceil((SPIKE_FACTOR * tidakPuasLast7Days) / BASELINE_HOURS),
  )
}

export function isSpike(lastHour: number, tidakPuasLast7Days: number): boolean {
  return lastHour >= spikeThreshold(tidakPuasLast7Days)
}

/** The usual Tidak Puas answers per hour, to two decimals (for the message). */
export function usualPerHour(tidakPuasLast7Days: number): number {
  return Math.round((tidakPuasLast7Days / BASELINE_HOURS) * 100) / 100
}

// site.silent: no view for 24 h (embed-health.ts isSilent, the same rule as the health rows'
// `silent`) on a site with at least SILENT_MIN_VIEWS views in the 7 Jakarta days up to its
// last view: a site that is read every day went quiet, so its embed probably broke. Told once
// per silence (the event's window is the day after the last view), and only within a week of
// it, so a silence longer than the 30 days event marks are kept is not told twice.
const SILENT_MIN_VIEWS = 10
const SILENT_TOLD_WITHIN_MS = 7 * 86_400_000

/** `weekViews`: the site's views in the 7 Jakarta days up to and including its last view's. */
export function siteWentSilent(lastViewAt: number | null, weekViews: number, nowMs: number) {
  return (
    lastViewAt !== null &&
    isSilent(lastViewAt, nowMs) &&
    nowMs - lastViewAt < SILENT_TOLD_WITHIN_MS &&
    weekViews >= SILENT_MIN_VIEWS
  )
}

// digest.weekly: Monday 07:00 WIB (00:00 UTC), the week Monday–Sunday just ended.
const JAKARTA_OFFSET_MS = 7 * 3_600_000

/** The Monday (its Jakarta day) whose digest is due at `nowMs`, or null before 07:00 or off Monday. */
export function digestDue(nowMs: number): string | null {
  const local = new Date(nowMs + JAKARTA_OFFSET_MS)
  if (local.getUTCDay() !== 1 || local.getUTCHours() < 7) return null
  return local.toISOString().slice(0, 10)
}

/** The week a digest sent on Monday `monday` covers, and the week before it. */
export function digestWeeks(monday: string) {
  return {
    week: { from: addDays(monday, -7), to: addDays(monday, -1) },
    previous: { from: addDays(monday, -14), to: addDays(monday, -8) },
  }
}

/** IKM change between two weeks, to two decimals; null when either has no answers. */
export function ikmChange(now: number | null, before: number | null): number | null {
  if (now === null || before === null) return null
  return Math.round((now - before) * 100) / 100
}

// The API's shapes of a webhook and a log row (the dashboard reads them too).

/** A webhook as the API lists it: never its secret. */
export interface WebhookRow {
  id: string
  site: string
  opd: string | null
  url: string
  events: string[]
  format: Format
  chat_id: string | null
  enabled: boolean
  /** Failed attempts in a row. */
  failures: number
  disabled_reason: string | null
  created_at: number
}

/** A delivery as the log shows it (no body: the event and how it went). */
export interface DeliveryRow {
  id: string
  event: string
  state: 'pending' | 'delivered' | 'failed' | 'cancelled'
  status_code: number | null
  error: string | null
  attempts: number
  created_at: number
  last_attempt_at: number | null
  next_attempt_at: number | null
}
