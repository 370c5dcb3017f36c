import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { database } from '../../worker/db/client'
import worker from '../../worker/index'
import { applyRetention, RESPONSE_RETENTION_DAYS } from '../../worker/storage/retention'

// The retention job at national size: 100,000 responses, 60 % of them past retention.

const SITE = 'massal'
const DAY = 86_400_000
const now = Date.now()
const cutoff = now - RESPONSE_RETENTION_DAYS * DAY
let oldSpam = 0
const one = (query: string) => env.DB.prepare(query).first<Record<string, number>>()

beforeAll(async () => {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO sites (id, name, created_at) VALUES ('${SITE}', 'Pemda massal', 0)`,
    ),
    env.DB.prepare(
      `INSERT INTO articles (site_id, opd, key, first_seen_at)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)
       SELECT '${SITE}', 'opd-' || (i % 5), 'https://massal.go.id/a/' || i, 0 FROM n`,
    ),
    // Every third of five responses is older than retention; one in 97 is spam.
    env.DB.prepare(
      `INSERT INTO responses (article_id, reader, rating, day, answered_at, spam)
       WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999),
         r AS (SELECT i, CASE WHEN i % 5 < 3 THEN ${now} - (181 + i % 100) * ${DAY} ELSE ${now} - (i % 100) * ${DAY} END AS at FROM n)
       SELECT a.id, printf('%08x-0000-4000-8000-%012x', i, i), 1 + (i * 7 / 3) % 4,
         date(at / 1000 + 7 * 3600, 'unixepoch'), at, i % 97 = 0
       FROM r JOIN articles a ON a.site_id = '${SITE}' AND a.key = 'https://massal.go.id/a/' || (1 + i % 50)`,
    ),
    env.DB.prepare(
      `UPDATE articles SET
         sangat_puas = (SELECT count(*) FROM responses WHERE article_id = articles.id AND spam = 0 AND rating = 4),
         puas = (SELECT count(*) FROM responses WHERE article_id = articles.id AND spam = 0 AND rating = 3),
         cukup_puas = (SELECT count(*) FROM responses WHERE article_id = articles.id AND spam = 0 AND rating = 2),
         tidak_puas = (SELECT count(*) FROM responses WHERE article_id = articles.id AND spam = 0 AND rating = 1)
       WHERE site_id = '${SITE}'`,
    ),
    env.DB.prepare(
      `INSERT INTO article_days (article_id, day, sangat_puas, puas, cukup_puas, tidak_puas)
       SELECT article_id, day, sum(rating = 4), sum(rating = 3), sum(rating = 2), sum(rating = 1)
       FROM responses WHERE spam = 0 GROUP BY article_id, day`,
    ),
    // 12,000 view marks of long ago: more than two batches of short-lived rows.
    env.DB.prepare(
      `INSERT INTO view_marks (article_id, reader, day)
       WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 11999)
       SELECT a.id, 'r' || i, '2020-01-01' FROM n JOIN articles a ON a.site_id = '${SITE}' AND a.key = 'https://massal.go.id/a/1'`,
    ),
    env.DB.prepare(`INSERT INTO daily_salts (day, salt) VALUES ('2020-01-02', 'lama')`),
  ])
  expect(await one('SELECT count(*) AS n FROM responses')).toEqual({ n: 100_000 })
}, 120_000)

/** Articles whose counters differ from their responses (not spam) plus their retired totals. */
const drifted = () =>
  one(
    `SELECT count(*) AS n FROM articles a
     LEFT JOIN (SELECT article_id, sum(rating = 4) AS s4, sum(rating = 3) AS s3, sum(rating = 2) AS s2,
       sum(rating = 1) AS s1 FROM responses WHERE spam = 0 GROUP BY article_id) r ON r.article_id = a.id
     LEFT JOIN retired_responses t ON t.article_id = a.id
     WHERE a.site_id = '${SITE}' AND (
       a.sangat_puas <> coalesce(r.s4, 0) + coalesce(t.sangat_puas, 0) OR a.puas <> coalesce(r.s3, 0) + coalesce(t.puas, 0)
       OR a.cukup_puas <> coalesce(r.s2, 0) + coalesce(t.cukup_puas, 0)
       OR a.tidak_puas <> coalesce(r.s1, 0) + coalesce(t.tidak_puas, 0))`,
  )
const marksAndRetired = () =>
  one(
    `SELECT (SELECT count(*) FROM retired_marks) AS marks,
       (SELECT coalesce(sum(sangat_puas + puas + cukup_puas + tidak_puas), 0) FROM retired_responses) AS retired`,
  )
const daySums = () =>
  one(
    'SELECT sum(sangat_puas) AS s4, sum(puas) AS s3, sum(cukup_puas) AS s2, sum(tidak_puas) AS s1 FROM article_days',
  )

describe('the retention job on 100,000 responses', () => {
  it('stops at its bound half way with consistent data, salts gone first', async () => {
    oldSpam = (await one(
      `SELECT count(*) AS n FROM responses WHERE answered_at < ${cutoff} AND spam = 1`,
    ))!.n
    // 1 batch of salts, 3 of view marks, 1 each of three empty tables, then 3 of responses.
    const report = await applyRetention(database(env.DB), now, { maxBatches: 10 })
    expect(report).toEqual({
      salts: 1,
      viewMarks: 12_000,
      rateCounters: 0,
      commentTextMarks: 0,
      comments: 0,
      responses: 15_000,
      batches: 10,
      failed: 0,
      complete: false,
    })
    expect(await drifted()).toEqual({ n: 0 })
    const { marks, retired } = (await marksAndRetired())!
    expect(marks).toBe(retired)
    expect(await one(`SELECT count(*) AS n FROM daily_salts WHERE day < '2021-01-01'`)).toEqual({
      n: 0,
    })
  }, 120_000)

  it('continues minute by minute, each run bounded, until every row past retention is gone', async () => {
    const daysBefore = await daySums()
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {})
    const run = (cron: string, at: number) =>
      worker.scheduled(createScheduledController({ scheduledTime: at, cron }), env)
    const owed = () => one(`SELECT count(*) AS n FROM job_backlog WHERE job = 'retention'`)
    const reports: Record<string, number | boolean>[] = []
    try {
      await run('30 17 * * *', now)
      // The night's run leaves 45,000 responses: more than one run may retire.
      expect(await owed()).toEqual({ n: 1 })
      for (let minute = 1; (await owed())!.n > 0 && minute < 60; minute++) {
        await run('* * * * *', now + minute * 60_000)
      }
      for (const [label, line] of logged.mock.calls as [string, string][]) {
        expect(label).toBe('retention')
        expect(line).not.toMatch(/[0-9a-f]{8}-0000-4000/)
        reports.push(JSON.parse(line))
      }
      // A minute with nothing owed runs no retention at all.
      await run('* * * * *', now + 61 * 60_000)
      expect(logged).toHaveBeenCalledTimes(reports.length)
    } finally {
      logged.mockRestore()
    }
    // 2,000 responses a run (two batches of 1,000: the Worker's CPU per run stays bounded).
    expect(reports).toHaveLength(23)
    for (const report of reports) {
      expect(report.responses).toBeLessThanOrEqual(2_000)
      expect(report.batches).toBeLessThanOrEqual(12)
      expect(report.failed).toBe(0)
    }
    expect(reports.reduce((n, r) => n + (r.responses as number), 0)).toBe(45_000)
    expect(reports.map((r) => r.complete)).toEqual([...Array(22).fill(false), true])
    expect(await owed()).toEqual({ n: 0 })
    expect(await one(`SELECT count(*) AS n FROM responses WHERE answered_at < ${cutoff}`)).toEqual({
      n: 0,
    })
    expect(await one('SELECT count(*) AS n FROM responses')).toEqual({ n: 40_000 })
    expect(await one(`SELECT count(*) AS n FROM view_marks WHERE day < '2021-01-01'`)).toEqual({
      n: 0,
    })
    expect(await drifted()).toEqual({ n: 0 })
    // Every response past retention became a mark and a retired rating, spam none.
    expect(await marksAndRetired()).toEqual({ marks: 60_000 - oldSpam, retired: 60_000 - oldSpam })
    expect(await daySums()).toEqual(daysBefore)
  }, 120_000)
})
