import { sql } from 'drizzle-orm'
import type { Context } from 'hono'
import type { Db } from '../db/client'
import { addDays, jakartaDay } from '../domain/calendar/days'
import {
  COMMENT_BATCH_MS,
  detectionSlice,
  digestDue,
  digestWeeks,
  GRADE_DROP_QUIET_DAYS,
  gradeDrop,
  gradeWindows,
  ikmChange,
  isSpike,
  siteWentSilent,
  usualPerHour,
} from '../domain/webhooks/events'
import { grade, ikm } from '../domain/figures/ikm'
import { RATINGS, totalOf } from '../domain/figures/rating-scale'
import type { AppEnv, Env } from '../env'
import { loggableError } from '../error-log'
import type { ReasonCounts } from '../domain/comments/reasons'
import { reasonKeyOf, reasonsBy, reasonsOf } from '../storage/reasons'
import { healthRows } from '../storage/embed-health'
import { opdDaySums, opdSums } from '../storage/stats'
import { countsOf } from '../db/sql'
import {
  type DueCommentBatch,
  dropQueue,
  dueCommentBatches,
  type QueuedComment,
  queueComment,
  queuedComments,
  takeFromQueue,
} from '../storage/webhook-comment-queue'
import {
  type Listener,
  listenersOf,
  markedSince,
  sitesListeningTo,
  type Subscriber,
} from '../storage/webhooks'
import { DELIVERY_MAX_STATEMENTS, deliverDue, dispatch, type WebhookEvent } from './deliver'
import { escapeHtml, ikmText, place } from './messages'

// The events (docs/contract.md §9, rules in worker/domain/webhooks/events.ts): comment.created queued by the
// comments route and told in batches by the cron, the others found by the cron in D1's
// roll-ups, only for sites with a webhook that listens. Payloads carry figures and already-redacted text, never a reader id.

/**
 * The comments route's one call once a comment is stored: after the answer has gone out
 * (waitUntil), the comment is queued for the webhooks that listen (one statement); the
 * per-minute cron tells it with the rest of its batch (sendCommentBatches).
 */
export function notifyCommentCreated(
  c: Pick<Context<AppEnv>, 'executionCtx'> & { var: { db: Db } },
  site: string,
  article: string,
  reader: string,
  nowMs: number,
): void {
  const work = queueComment(c.var.db, site, article, reader, nowMs).catch((err) =>
    console.error('webhook comment.created', loggableError(err)),
  )
  try {
    c.executionCtx.waitUntil(work)
  } catch {
    // No execution context (the app called in-process by a test): the work runs on its own.
  }
}

// comment.created batches told in one run, and the comments one batch carries at most (the
// rest stay queued for the next batch).
const COMMENT_BATCHES_PER_RUN = 25
const COMMENTS_PER_BATCH = 500

/** One batch's comments as comment.created: every comment with its latest text, once. */
function commentBatch(batch: DueCommentBatch, rows: QueuedComment[]): WebhookEvent {
  const told = rows.filter((r) => !r.hidden)
  const comments = told.map((r) => ({
    comment: r.comment,
    opd: r.opd,
    article: r.article,
    title: r.title,
    rating: RATINGS.find((x) => x.value === r.rating)?.key ?? null,
    text: r.text,
    created_at: new Date(r.createdAt).toISOString(),
  }))
  const lines = told.flatMap((r) => {
    const rating = RATINGS.find((x) => x.value === r.rating)
    const about = [rating?.id, batch.opd === null ? r.opd : null, r.title ?? r.article]
    return ['', `«${escapeHtml(r.text)}»`, escapeHtml(about.filter((x) => x).join(' · '))]
  })
  const count = told.length === 1 ? 'Komentar baru' : `${told.length} komentar baru`
  return {
    name: 'comment.created',
    site: batch.site,
    opd: batch.opd,
    // The batch is named by its oldest comment's wait: two runs that read it tell it once.
    key: { event: 'comment.created', subject: batch.id, window: String(batch.since) },
    render: () =>
      told.length === 0
        ? null
        : {
            data: { comments },
            text: [`💬 <b>${count}</b> · ${place(batch.site, batch.opd)}`, ...lines].join('\n'),
          },
  }
}

/** Queues the comment.created batches that are due; returns how many deliveries. */
async function sendCommentBatches(db: Db, nowMs: number): Promise<number> {
  const due = await dueCommentBatches(db, nowMs, COMMENT_BATCH_MS, COMMENT_BATCHES_PER_RUN)
  let queued = 0
  for (const batch of due) {
    if (!batch.enabled) {
      await dropQueue(db, batch.id)
      continue
    }
    const rows = await queuedComments(db, batch.id, COMMENTS_PER_BATCH)
    const take = takeFromQueue(batch.id, rows, nowMs)
    queued += (await dispatch(db, commentBatch(batch, rows), nowMs, [batch], take)).length
  }
  return queued
}

// Detection is bounded, whatever the number of sites: each minute looks at one slice of the
// sites that listen (worker/domain/webhooks/events.ts detectionSlice, at most SITES_PER_RUN, each site
// once a round of at least 15 minutes) and queues at most MAX_EVENTS_PER_RUN events; an event
// left over is found again on its site's next turn. Its D1 statements, a batch's counted one
// by one: 5 a run (the sites, their webhooks, two reads of event marks, the spikes), at most
// 10 a site (a grade drop's two weeks 2, a silence's health rows and week 4, a digest's two
// weeks, open comments and reasons 4) and 2 an event (its mark, its deliveries).
const SITES_PER_RUN = 25
const MAX_EVENTS_PER_RUN = 100
const DETECTION_MAX_STATEMENTS = 5 + SITES_PER_RUN * 10 + MAX_EVENTS_PER_RUN * 2
// A comment batch: 1 for the due batches, then each 5 (its comments, mark, deliveries, and
// the two statements taking it off the queue).
const COMMENT_MAX_STATEMENTS = 1 + COMMENT_BATCHES_PER_RUN * 5
/** What one minute's run may cost at most: under D1's 1,000 statements an invocation. */
export const MINUTE_MAX_STATEMENTS =
  DETECTION_MAX_STATEMENTS + COMMENT_MAX_STATEMENTS + DELIVERY_MAX_STATEMENTS

/** The per-minute cron's webhook work: events found, comment batches due, deliveries sent. */
export async function webhooksMinute(
  db: Db,
  env: Pick<Env, 'ALLOW_LOCAL_ADDRESSES'>,
  nowMs: number,
): Promise<void> {
  await detectEvents(db, nowMs)
  await sendCommentBatches(db, nowMs)
  await deliverDue(db, env, nowMs)
}

const DETECTED = ['ikm.grade_dropped', 'site.silent', 'tidak_puas.spike', 'digest.weekly']

/** This minute's slice of the sites whose webhooks listen; each event queued once per window. */
export async function detectEvents(db: Db, nowMs: number): Promise<number> {
  const sites = detectionSlice(await sitesListeningTo(db, DETECTED), nowMs, SITES_PER_RUN)
  if (sites.length === 0) return 0
  const listeners = await listenersOf(db, sites)
  const listening = (event: string) =>
    sites.filter((site) => listeners.some((l) => l.site === site && l.events.includes(event)))
  const today = jakartaDay(nowMs)
  // A site's one-off events first (at most 2 a site, so never cut): the cap falls on spikes and
  // drops, of which a site can have many.
  const found = [
    ...(await silentSites(db, listening('site.silent'), today, nowMs)),
    ...(await digests(db, listening('digest.weekly'), nowMs)),
    ...(await spikes(db, listening('tidak_puas.spike'), today, nowMs)),
    ...(await gradeDrops(db, listening('ikm.grade_dropped'), today)),
  ]
  let queued = 0
  for (const event of found.slice(0, MAX_EVENTS_PER_RUN)) {
    const to = subscribersOf(listeners, event)
    if (to.length > 0) queued += (await dispatch(db, event, nowMs, to)).length
  }
  return queued
}

/** The webhooks an event is for: its site's that listen, and of an OPD's event its OPD's too. */
function subscribersOf(listeners: Listener[], e: WebhookEvent): Subscriber[] {
  return listeners.filter(
    (l) =>
      l.site === e.site &&
      l.events.includes(e.name) &&
      (e.opd === null || l.opd === null || l.opd === e.opd),
  )
}

async function gradeDrops(db: Db, sites: string[], today: string): Promise<WebhookEvent[]> {
  const name = 'ikm.grade_dropped'
  if (sites.length === 0) return []
  const recent = await markedSince(db, name, addDays(today, 1 - GRADE_DROP_QUIET_DAYS))
  const w = gradeWindows(today)
  const events: WebhookEvent[] = []
  for (const site of sites) {
    const before = await opdSums(db, { site, ...w.before })
    const after = new Map((await opdSums(db, { site, ...w.after })).map((r) => [r.opd, r]))
    for (const b of before) {
      const a = after.get(b.opd)
      const subject = `${site}/${b.opd}`
      const drop = a && !recent.has(subject) ? gradeDrop(countsOf(b), countsOf(a)) : null
      if (!drop) continue
      const data = {
        name: b.name,
        before: { ...w.before, ...drop.before },
        after: { ...w.after, ...drop.after },
      }
      const text = [
        `📉 <b>IKM turun</b> · ${place(site, b.opd)}`,
        `7 hari terakhir: ${ikmText(drop.after.ikm)} (${drop.after.grade}, ${drop.after.answers} tanggapan)`,
        `7 hari sebelumnya: ${ikmText(drop.before.ikm)} (${drop.before.grade}, ${drop.before.answers} tanggapan)`,
      ].join('\n')
      events.push({
        name,
        site,
        opd: b.opd,
        key: { event: name, subject, window: today },
        render: () => ({ data, text }),
      })
    }
  }
  return events
}

async function silentSites(
  db: Db,
  sites: string[],
  today: string,
  nowMs: number,
): Promise<WebhookEvent[]> {
  const name = 'site.silent'
  const events: WebhookEvent[] = []
  for (const site of sites) {
    // The health rows' last view (storage/embed-health.ts): one rule for both.
    const [health] = await healthRows(db, { site }, { from: today, to: today }, nowMs)
    const last = health?.lastViewAt ?? null
    if (last === null) continue
    const lastDay = jakartaDay(last)
    const week = await opdDaySums(db, { site, from: addDays(lastDay, -6), to: lastDay })
    if (
      !siteWentSilent(
        last,
        week.reduce((sum, d) => sum + d.views, 0),
        nowMs,
      )
    )
      continue
    const silentDay = addDays(lastDay, 1)
    const data = {
      silent_since: silentDay,
      last_view_at: new Date(last).toISOString(),
      views_week_before: week.map((d) => d.views),
    }
    const text = [
      `🔇 <b>Tidak ada tayangan</b> · ${place(site, null)}`,
      `Sejak ${new Date(last).toISOString().slice(0, 16).replace('T', ' ')} UTC tak satu pun tayangan tercatat selama 24 jam; sebelumnya ada setiap minggu.`,
      'Kode sematan widget mungkin rusak atau terhapus.',
    ].join('\n')
    events.push({
      name,
      site,
      opd: null,
      key: { event: name, subject: site, window: silentDay },
      render: () => ({ data, text }),
    })
  }
  return events
}

const HOUR_MS = 3_600_000

async function spikes(
  db: Db,
  sites: string[],
  today: string,
  nowMs: number,
): Promise<WebhookEvent[]> {
  const name = 'tidak_puas.spike'
  if (sites.length === 0) return []
  // The last hour's Tidak Puas per article: raw answers, but only the last hour's (the
  // answered_at index), which no day roll-up can tell apart.
  const rows = await db.all<{
    id: number
    site: string
    opd: string
    article: string
    title: string | null
    lastHour: number
    week: number
  }>(sql`
    SELECT a.id, a.site_id AS site, a.opd, a.key AS article, a.title, h.n AS lastHour,
      (SELECT coalesce(sum(d.tidak_puas), 0) FROM article_days d
        WHERE d.article_id = a.id AND d.day BETWEEN ${addDays(today, -7)} AND ${addDays(today, -1)}) AS week
    FROM (SELECT article_id, count(*) AS n FROM responses
      WHERE answered_at > ${nowMs - HOUR_MS} AND rating = 1 AND spam = 0 GROUP BY article_id) h
    JOIN articles a ON a.id = h.article_id
    WHERE a.site_id IN (SELECT value FROM json_each(${JSON.stringify(sites)}))`)
  return rows
    .filter((r) => isSpike(r.lastHour, r.week))
    .map((r) => {
      const data = {
        article: r.article,
        title: r.title,
        tidak_puas_last_hour: r.lastHour,
        usual_per_hour: usualPerHour(r.week),
      }
      const text = [
        `⚠️ <b>Lonjakan «Tidak Puas»</b> · ${place(r.site, r.opd)}`,
        `${r.lastHour} dalam 1 jam terakhir (biasanya ${usualPerHour(r.week)} per jam)`,
        escapeHtml(r.title ?? r.article),
      ].join('\n')
      return {
        name,
        site: r.site,
        opd: r.opd,
        key: { event: name, subject: String(r.id), window: today },
        render: () => ({ data, text }),
      }
    })
}

/** Open comments per OPD of a site: shown, and their follow-up not over (selesai/ditolak). */
async function openComments(db: Db, site: string): Promise<Map<string, number>> {
  const rows = await db.all<{ opd: string; n: number }>(sql`
    SELECT a.opd, count(*) AS n FROM comments c JOIN articles a ON a.id = c.article_id
    WHERE a.site_id = ${site} AND c.hidden = 0 AND c.status NOT IN ('selesai', 'ditolak') GROUP BY a.opd`)
  return new Map(rows.map((r) => [r.opd, r.n]))
}

/** An OPD's week's reasons, most given first, those given at all, at most three. */
function topReasons(counts: ReasonCounts): { reason: string; count: number }[] {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 3)
    .map(([reason, count]) => ({ reason, count }))
}

async function digests(db: Db, sites: string[], nowMs: number): Promise<WebhookEvent[]> {
  const name = 'digest.weekly'
  const monday = digestDue(nowMs)
  if (monday === null || sites.length === 0) return []
  const { week, previous } = digestWeeks(monday)
  // A site told this Monday costs nothing more: its turns after that read no figures.
  const told = await markedSince(db, name, monday)
  const events: WebhookEvent[] = []
  for (const site of sites.filter((s) => !told.has(s))) {
    const before = new Map((await opdSums(db, { site, ...previous })).map((r) => [r.opd, r]))
    const open = await openComments(db, site)
    const reasons = await reasonsBy(db, { site, ...week }, 'opd')
    const opds = (await opdSums(db, { site, ...week })).map((r) => {
      const index = ikm(countsOf(r))
      const prior = before.get(r.opd)
      return {
        opd: r.opd,
        name: r.name,
        answers: totalOf(countsOf(r)),
        ikm: index,
        grade: grade(index),
        ikm_change: ikmChange(index, prior ? ikm(countsOf(prior)) : null),
        open_comments: open.get(r.opd) ?? 0,
        top_reasons: topReasons(reasonsOf(reasons, reasonKeyOf(site, r.opd))),
      }
    })
    events.push({
      name,
      site,
      opd: null,
      key: { event: name, subject: site, window: monday },
      render: (to) => {
        const rows = opds.filter((o) => to.opd === null || o.opd === to.opd)
        if (rows.length === 0) return null
        const lines = rows.map((o) => {
          const change =
            o.ikm_change === null
              ? ''
              : ` (${o.ikm_change >= 0 ? '+' : ''}${ikmText(o.ikm_change)})`
          return `• ${escapeHtml(o.name ?? o.opd)}: ${o.answers} tanggapan, IKM ${ikmText(o.ikm)}${o.grade ? ` ${o.grade}` : ''}${change}, ${o.open_comments} komentar terbuka`
        })
        return {
          data: { week, opds: rows },
          text: [
            `🗓️ <b>Ringkasan mingguan</b> · ${place(site, to.opd)}`,
            `${week.from} – ${week.to}`,
            ...lines,
          ].join('\n'),
        }
      },
    })
  }
  return events
}
