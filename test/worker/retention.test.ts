import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Summary } from '../../worker/domain/figures/summary'
import worker from '../../worker/index'
import { RESPONSE_RETENTION_DAYS } from '../../worker/storage/retention'
import {
  answer,
  countersAndResponses,
  postJson,
  rereadObjects,
  seedSite,
  settle,
  summaryOf,
  view,
} from './client'
import { get, tokenFor } from './stats-fixtures'

const SITE = 'blora'
const ORIGIN = 'https://blorakab.go.id'
const DAY = 86_400_000

// On the object path the articles' objects forget on their own schedule (their first alarm of
// a day); these tests move time in D1, so the objects take D1 again after each step.
async function runCron(at: number) {
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '30 17 * * *' }), env)
  await rereadObjects()
}

/** The readers' answers dated past the retention period. */
async function answeredLongAgo(...readers: string[]) {
  await settle()
  await env.DB.prepare(
    'UPDATE responses SET answered_at = ? WHERE reader IN (SELECT value FROM json_each(?))',
  )
    .bind(Date.now() - (RESPONSE_RETENTION_DAYS + 1) * DAY, JSON.stringify(readers))
    .run()
  await rereadObjects()
}

const daySums = (article: string) =>
  env.DB.prepare(
    `SELECT sum(d.sangat_puas) AS s4, sum(d.puas) AS s3, sum(d.cukup_puas) AS s2, sum(d.tidak_puas) AS s1, sum(d.views) AS v
     FROM article_days d JOIN articles a ON a.id = d.article_id WHERE a.key = ?`,
  )
    .bind(article)
    .first()

beforeAll(() => seedSite(SITE, [ORIGIN]))

describe('the retention job', () => {
  it('drops old per-reader rows and keeps every figure', async () => {
    const article = 'https://blorakab.go.id/berita/lama'
    const readers = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()]
    for (const [i, reader] of readers.entries()) {
      await view(ORIGIN, { opd: 'bappeda', article, reader })
      await answer(ORIGIN, { opd: 'bappeda', article, reader, rating: i + 2 })
    }
    const now = Date.now()
    // Two answers from long ago; short-lived rows from three days ago.
    await answeredLongAgo(readers[0], readers[1])
    await env.DB.batch([
      env.DB.prepare(`UPDATE view_marks SET day = '2020-01-01' WHERE reader = ?`).bind(readers[0]),
      env.DB.prepare(
        `INSERT INTO rate_counters (key, window, count) VALUES ('r:old', '2020-01-01', 3)`,
      ),
      env.DB.prepare(`INSERT INTO daily_salts (day, salt) VALUES ('2020-01-01', 'lama')`),
    ])
    const summaryBefore = await (await summaryOf(SITE, article)).json<Summary>()
    const daysBefore = await daySums(article)
    // What the dashboard shows and exports, read through the statistics API.
    const { token } = await tokenFor('kominfo')
    const dashboard = async () =>
      Promise.all(
        ['opds', 'articles', 'timeseries'].flatMap((what) =>
          ['json', 'csv'].map(async (format) =>
            (await get(`/api/v1/stats/${what}?site=${SITE}&format=${format}`, token)).text(),
          ),
        ),
      )
    const dashboardBefore = await dashboard()
    expect(dashboardBefore[0]).toContain('"total":3')

    await runCron(now)

    expect(await (await summaryOf(SITE, article)).json<Summary>()).toEqual(summaryBefore)
    expect(await daySums(article)).toEqual(daysBefore)
    expect(await dashboard()).toEqual(dashboardBefore)
    const { counters, days, stored } = await countersAndResponses(SITE, article)
    expect(stored).toEqual(counters)
    expect(days).toEqual(counters)
    const left = await env.DB.prepare(
      'SELECT reader FROM responses r JOIN articles a ON a.id = r.article_id WHERE a.key = ?',
    )
      .bind(article)
      .all()
    expect(left.results).toEqual([{ reader: readers[2] }])
    const stale = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM view_marks WHERE day < '2021-01-01') AS marks,
        (SELECT count(*) FROM rate_counters WHERE window < '2021-01-01') AS counters,
        (SELECT count(*) FROM daily_salts WHERE day < '2021-01-01') AS salts,
        (SELECT count(*) FROM daily_salts) AS salts_left`,
    ).first()
    expect(stale).toEqual({ marks: 0, counters: 0, salts: 0, salts_left: 1 })
  })

  it('changes nothing when run again', async () => {
    const article = 'https://blorakab.go.id/berita/lama'
    const before = await countersAndResponses(SITE, article)
    await runCron(Date.now())
    expect(await countersAndResponses(SITE, article)).toEqual(before)
  })
})

describe('a reader answering again after retirement', () => {
  const retire = async (reader: string) => {
    await answeredLongAgo(reader)
    await runCron(Date.now())
  }
  const marks = (article: string) =>
    env.DB.prepare(
      'SELECT m.rating, m.reader_hash FROM retired_marks m JOIN articles a ON a.id = m.article_id WHERE a.key = ?',
    )
      .bind(article)
      .all()

  it.each([
    ['a changed answer', 1, 4],
    ['the same answer', 3, 3],
  ])('is counted once, as %s', async (_, first, second) => {
    const article = `https://blorakab.go.id/berita/kembali-${first}-${second}`
    const reader = crypto.randomUUID()
    const other = crypto.randomUUID()
    await answer(ORIGIN, { opd: 'bappeda', article, reader, rating: first })
    await answer(ORIGIN, { opd: 'bappeda', article, reader: other, rating: 2 })
    await retire(reader)
    const held = await marks(article)
    expect(held.results).toEqual([
      { rating: first, reader_hash: expect.stringMatching(/^[0-9a-f]{32}$/) },
    ])
    expect(JSON.stringify(held.results)).not.toContain(reader)

    const res = await answer(ORIGIN, { opd: 'bappeda', article, reader, rating: second })
    const summary = await res.json<Summary>()
    expect(summary.total).toBe(2)
    expect(summary.yours).toBe(second)
    expect(summary.counts).toEqual({
      sangat_puas: Number(second === 4),
      puas: Number(second === 3),
      cukup_puas: 1,
      tidak_puas: 0,
    })
    const { counters, days, stored } = await countersAndResponses(SITE, article)
    expect(stored).toEqual(counters)
    expect(days).toEqual(counters)
    expect((await marks(article)).results).toEqual([])
    // Once more: an ordinary reader now, nothing moves twice.
    await answer(ORIGIN, { opd: 'bappeda', article, reader, rating: second })
    expect((await (await summaryOf(SITE, article)).json<Summary>()).total).toBe(2)
  })

  it('matches only the same reader on the same article', async () => {
    const article = 'https://blorakab.go.id/berita/tanda'
    const elsewhere = 'https://blorakab.go.id/berita/tanda-lain'
    const reader = crypto.randomUUID()
    await answer(ORIGIN, { opd: 'bappeda', article, reader, rating: 1 })
    await retire(reader)
    await answer(ORIGIN, { opd: 'bappeda', article: elsewhere, reader })
    await answer(ORIGIN, { opd: 'bappeda', article })
    expect((await (await summaryOf(SITE, article)).json<Summary>()).total).toBe(2)
    expect((await marks(article)).results).toHaveLength(1)
    const { counters, stored } = await countersAndResponses(SITE, article)
    expect(stored).toEqual(counters)
  })
})

describe('the retention job and reasons', () => {
  const giveReasons = (article: string, reader: string, reasons: string[]) =>
    postJson('/api/v1/reasons', { opd: 'dinkes', article, reader, reasons }, { origin: ORIGIN })
  const storedReasons = (article: string) =>
    env.DB.prepare('SELECT reason FROM reasons WHERE article = ? ORDER BY reason')
      .bind(article)
      .all()
  const opdReasons = async (token: string) =>
    (
      await (
        await get(`/api/v1/stats/opds?site=${SITE}&opd=dinkes`, token)
      ).json<{
        rows: { reasons: Record<string, number> }[]
      }>()
    ).rows[0].reasons

  it('deletes a retired reader’s reasons with their answer and keeps the reason counts', async () => {
    const article = 'https://blorakab.go.id/berita/alasan-lama'
    const [old, recent] = [crypto.randomUUID(), crypto.randomUUID()]
    for (const [reader, reasons] of [
      [old, ['tidak_akurat', 'terlambat']],
      [recent, ['terlambat']],
    ] as const) {
      await answer(ORIGIN, { opd: 'dinkes', article, reader, rating: 1 })
      expect((await giveReasons(article, reader, [...reasons])).status).toBe(204)
    }
    await answeredLongAgo(old)
    const { token } = await tokenFor('admin')
    const countsBefore = await opdReasons(token)
    expect(countsBefore).toMatchObject({ tidak_akurat: 1, terlambat: 2 })

    await runCron(Date.now())

    // Only the reader still answering keeps a set; the statistics count both sets as before.
    expect((await storedReasons(article)).results).toEqual([{ reason: 'terlambat' }])
    expect(await opdReasons(token)).toEqual(countsBefore)
    const rollUp = await env.DB.prepare(
      'SELECT reason, count FROM reason_days WHERE article = ? ORDER BY reason',
    )
      .bind(article)
      .all()
    expect(rollUp.results).toEqual([
      { reason: 'terlambat', count: 2 },
      { reason: 'tidak_akurat', count: 1 },
    ])

    // The remaining reader changes their set: only their own reason moves.
    expect((await giveReasons(article, recent, ['tautan_rusak'])).status).toBe(204)
    expect(await opdReasons(token)).toMatchObject({
      tidak_akurat: 1,
      terlambat: 1,
      tautan_rusak: 1,
    })
  })
})
