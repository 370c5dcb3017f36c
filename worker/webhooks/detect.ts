import { sql } from 'drizzle-orm'
import type { Context } from 'hono'
import type { Db } from '../db/client'
import { addDays, jakartaDay } from '../domain/days'
import {
  digestDue,
  digestWeeks,
  GRADE_DROP_QUIET_DAYS,
  gradeDrop,
  gradeWindows,
  ikmChange,
  isSpike,
  siteWentSilent,
  usualPerHour,
} from '../domain/events'
import { grade, ikm } from '../domain/ikm'
import { RATINGS, totalOf } from '../domain/rating-scale'
import type { AppEnv } from '../env'
import { loggableError } from '../error-log'
import type { ReasonCounts } from '../domain/reasons'
import { reasonKeyOf, reasonsBy, reasonsOf } from '../storage/reasons'
import { healthRows } from '../storage/embed-health'
import { countsOf, opdDaySums, opdSums } from '../storage/stats'
import { markedSince, sitesSubscribedTo } from '../storage/webhooks'
import { deliverDue, dispatch, type WebhookEvent } from './deliver'
import { escapeHtml, ikmText, place } from './messages'

// The events (CONTRACT §9, rules in worker/domain/events.ts): comment.created from the
// comments route, the others found by the cron in D1's roll-ups, only for sites with a
// webhook that listens. Payloads carry figures and already-redacted text, never a reader id.

/** The comment a reader just stored, as comment.created; null when there is none to tell. */
async function commentCreated(
  db: Db,
  site: string,
  article: string,
  reader: string,
): Promise<WebhookEvent | null> {
  const row = await db.get<{
    id: number
    text: string
    createdAt: number
    opd: string
    title: string | null
    rating: number | null
  }>(sql`
    SELECT c.id, c.text, c.created_at AS createdAt, a.opd, a.title, r.rating
    FROM comments c JOIN articles a ON a.id = c.article_id
      LEFT JOIN responses r ON r.article_id = c.article_id AND r.reader = c.reader
    WHERE a.site_id = ${site} AND a.key = ${article} AND c.reader = ${reader} AND c.hidden = 0`)
  if (!row) return null
  const rating = RATINGS.find((r) => r.value === row.rating) ?? null
  const data = {
    comment: row.id,
    article,
    title: row.title,
    rating: rating?.key ?? null,
    text: row.text,
  }
  const text = [
    `💬 <b>Komentar baru</b> · ${place(site, row.opd)}`,
    `«${escapeHtml(row.text)}»`,
    rating ? `Penilaian: ${rating.id}` : null,
    escapeHtml(row.title ?? article),
  ]
  return {
    name: 'comment.created',
    site,
    opd: row.opd,
    // A reader's new text replaces their old one under the same id: each text is news once.
    key: { event: 'comment.created', subject: String(row.id), window: String(row.createdAt) },
    render: () => ({ data, text: text.filter((l) => l !== null).join('\n') }),
  }
}

/**
 * The comments route's one call once a comment is stored: after the answer has gone out
 * (waitUntil), its comment.created deliveries are queued and tried once; the cron retries.
 */
export function notifyCommentCreated(
  c: Pick<Context<AppEnv>, 'env' | 'executionCtx'> & { var: { db: Db } },
  site: string,
  article: string,
  reader: string,
  nowMs: number,
): void {
  const db = c.var.db
  const work = commentCreated(db, site, article, reader)
    .then((event) => (event === null ? [] : dispatch(db, event, nowMs)))
    .then((ids) => deliverDue(db, c.env, nowMs, { only: ids }))
    .catch((err) => console.error('webhook comment.created', loggableError(err)))
  try {
    c.executionCtx.waitUntil(work)
  } catch {
    // No execution context (the app called in-process by a test): the work runs on its own.
  }
}

/** Every rule, for the sites whose webhooks listen; each event is queued once per window. */
export async function detectEvents(db: Db, nowMs: number): Promise<number> {
  const today = jakartaDay(nowMs)
  const found = [
    ...(await gradeDrops(db, today)),
    ...(await silentSites(db, today, nowMs)),
    ...(await spikes(db, today, nowMs)),
    ...(await digests(db, nowMs)),
  ]
  let queued = 0
  for (const event of found) queued += (await dispatch(db, event, nowMs)).length
  return queued
}

async function gradeDrops(db: Db, today: string): Promise<WebhookEvent[]> {
  const name = 'ikm.grade_dropped'
  const sites = await sitesSubscribedTo(db, name)
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

async function silentSites(db: Db, today: string, nowMs: number): Promise<WebhookEvent[]> {
  const name = 'site.silent'
  const events: WebhookEvent[] = []
  for (const site of await sitesSubscribedTo(db, name)) {
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

async function spikes(db: Db, today: string, nowMs: number): Promise<WebhookEvent[]> {
  const name = 'tidak_puas.spike'
  const sites = await sitesSubscribedTo(db, name)
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

async function digests(db: Db, nowMs: number): Promise<WebhookEvent[]> {
  const name = 'digest.weekly'
  const monday = digestDue(nowMs)
  if (monday === null) return []
  const { week, previous } = digestWeeks(monday)
  const events: WebhookEvent[] = []
  for (const site of await sitesSubscribedTo(db, name)) {
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
