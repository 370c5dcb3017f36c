import { hmacHex } from '../crypto'
import { addDays } from '../calendar/days'
import { isSilent } from '../embedding/embed-health'
import { grade, ikm, type Grade } from '../figures/ikm'
import { totalOf, type Counts } from '../figures/rating-scale'

// The webhook events (docs/contract.md §9) and the rules that decide them: pure functions of the
// roll-ups' figures, so each threshold is unit-tested (test/unit/webhook-events.test.ts) and
// written down once, here and in docs/webhooks.md.

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

// Delivery: the first attempt and seven retries, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h and
// 12 h apart (about 32.6 h in all: a receiver down for a day and a night still gets it), on a
// 5xx, 408, 429, a timeout or a network error. Any other answer is final.
const RETRY_DELAYS_MS = [1, 5, 30, 120, 360, 720, 720].map((minutes) => minutes * 60_000)
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1
/**
 * Deliveries in a row that failed for good (their whole retry schedule, or an answer not
 * worth retrying) that turn a webhook off. A failed attempt with retries left does not count,
 * nor does the test button's.
 */
export const DISABLE_AFTER_FAILURES = 10
export const DELIVERY_TIMEOUT_MS = 10_000

/**
 * `t=<unix seconds>,v1=<hex>`, as Stripe signs: HMAC-SHA256 of `<t>.<body>` (UTF-8), keyed
 * with the secret's bytes (Web Crypto). The time is the attempt's, so a receiver can refuse a
 * signature older than a few minutes and a captured delivery cannot be replayed later.
 */
export async function signature(secret: string, body: string, nowMs: number): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const t = Math.floor(nowMs / 1000)
  return `t=${t},v1=${await hmacHex(key, `${t}.${body}`)}`
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

// comment.created coalesces per webhook: a comment starts a batch, and the batch goes out
// this long after its oldest comment with every comment stored or edited since, each once
// with its latest text. So a webhook gets at most one comment.created per 5 minutes, and a
// reader editing one comment 15 times within them is one notification.
export const COMMENT_BATCH_MS = 5 * 60_000

// Detection looks at the sites whose webhooks listen a slice a minute: a round lasts
// ROUND_MINUTES, or longer when the sites are too many for that many slices of `perRun`.
const ROUND_MINUTES = 15

/**
 * The sites (in a stable order) looked at in the minute of `nowMs`: consecutive runs take
 * consecutive slices, so each site is looked at once a round, and a slice never holds more
 * than `perRun` sites, whatever their number.
 */
export function detectionSlice(sites: string[], nowMs: number, perRun: number): string[] {
  const n = sites.length
  const round = Math.max(ROUND_MINUTES, Math.ceil(n / perRun))
  const slot = Math.floor(nowMs / 60_000) % round
  return sites.filter((_, i) => Math.floor((i * round) / n) === slot)
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
