import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Summary } from '../../worker/domain/summary'
import worker from '../../worker/index'
import { RESPONSE_RETENTION_DAYS } from '../../worker/storage/retention'
import { countersAndResponses, postJson, seedSite, summaryOf } from './client'
import { get, tokenFor } from './stats-fixtures'

const SITE = 'blora'
const ORIGIN = 'https://blorakab.go.id'
const DAY = 86_400_000

async function runCron(at: number) {
  await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '30 17 * * *' }), env)
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
      await postJson('/api/v1/views', { opd: 'bappeda', article, reader }, { origin: ORIGIN })
      await postJson('/api/v1/responses', { opd: 'bappeda', article, reader, rating: i + 2 }, { origin: ORIGIN })
    }
    const now = Date.now()
    // Two answers from long ago; short-lived rows from three days ago.
    await env.DB.prepare(
      `UPDATE responses SET answered_at = ? WHERE reader IN (?, ?)`,
    )
      .bind(now - (RESPONSE_RETENTION_DAYS + 1) * DAY, readers[0], readers[1])
      .run()
    await env.DB.batch([
      env.DB.prepare(`UPDATE view_marks SET day = '2020-01-01' WHERE reader = ?`).bind(readers[0]),
      env.DB.prepare(`INSERT INTO rate_counters (key, window, count) VALUES ('r:old', '2020-01-01', 3)`),
      env.DB.prepare(`INSERT INTO daily_salts (day, salt) VALUES ('2020-01-01', 'lama')`),
    ])
    const summaryBefore = await (await summaryOf(SITE, article)).json<Summary>()
    const daysBefore = await daySums(article)
    // What the dashboard shows and exports, read through the statistics API.
    const { token } = await tokenFor('kominfo')
    const dashboard = async () =>
      Promise.all(
        ['opds', 'articles', 'timeseries'].flatMap((what) =>
          ['json', 'csv'].map(async (format) => (await get(`/api/v1/stats/${what}?site=${SITE}&format=${format}`, token)).text()),
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
