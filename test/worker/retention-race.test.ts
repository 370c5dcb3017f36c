import { createScheduledController, runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it, vi } from 'vitest'
import { jakartaDay } from '../../worker/domain/calendar/days'
import type { Summary } from '../../worker/domain/figures/summary'
import { articleObject } from '../../worker/hot-path/article'
import worker from '../../worker/index'
import { RESPONSE_RETENTION_DAYS, retiredMarkHash } from '../../worker/storage/retention'
import { answer, seedSite, settle, summaryOf } from './client'

// D1's retention job and the articles' objects each retire answers on their own schedule:
// D1 nightly at 180 days, an object on its first alarm of a day at 178. These tests age
// answers in D1 and never make the objects read D1 again, as happens in production between
// an object's seeding and its first daily alarm, and check D1's ledger after every step.

const OPD = 'dinkes'
const DAY = 86_400_000

/** A site of the test's own, so that its ledger shows only what the test did. */
async function newSite(name: string) {
  const site = `grobogan-${name}`
  const origin = `https://${site}.go.id`
  await seedSite(site, [origin])
  return { site, origin }
}

const nightly = (at: number) =>
  worker.scheduled(createScheduledController({ scheduledTime: at, cron: '30 17 * * *' }), env)

/**
 * Every way D1's figures of the site disagree with what it stores; [] when they agree: an
 * article's counters = the sums of its days = its responses (not spam) + its retired totals,
 * its retired totals = its retired marks, and an OPD's days = the sums of its articles' days.
 */
async function drift(site: string): Promise<string[]> {
  await settle()
  const ratings = (t: string) =>
    `json_array(coalesce(${t}.s4, 0), coalesce(${t}.s3, 0), coalesce(${t}.s2, 0), coalesce(${t}.s1, 0))`
  const sums = (where = '') =>
    `sum(rating = 4) AS s4, sum(rating = 3) AS s3, sum(rating = 2) AS s2, sum(rating = 1) AS s1 ${where}`
  const { results: articles } = await env.DB.prepare(
    `WITH d AS (SELECT article_id, sum(sangat_puas) AS s4, sum(puas) AS s3, sum(cukup_puas) AS s2,
        sum(tidak_puas) AS s1, sum(views) AS v FROM article_days GROUP BY article_id),
      r AS (SELECT article_id, ${sums('FROM responses WHERE spam = 0 GROUP BY article_id')}),
      m AS (SELECT article_id, ${sums('FROM retired_marks GROUP BY article_id')}),
      t AS (SELECT article_id, sangat_puas AS s4, puas AS s3, cukup_puas AS s2, tidak_puas AS s1
        FROM retired_responses)
    SELECT a.key,
      json_array(a.sangat_puas, a.puas, a.cukup_puas, a.tidak_puas, a.views) AS counters,
      json_array(coalesce(d.s4, 0), coalesce(d.s3, 0), coalesce(d.s2, 0), coalesce(d.s1, 0),
        coalesce(d.v, 0)) AS days,
      json_array(coalesce(r.s4, 0) + coalesce(t.s4, 0), coalesce(r.s3, 0) + coalesce(t.s3, 0),
        coalesce(r.s2, 0) + coalesce(t.s2, 0), coalesce(r.s1, 0) + coalesce(t.s1, 0),
        a.views) AS stored,
      ${ratings('t')} AS retired, ${ratings('m')} AS marks
    FROM articles a LEFT JOIN d ON d.article_id = a.id LEFT JOIN r ON r.article_id = a.id
      LEFT JOIN m ON m.article_id = a.id LEFT JOIN t ON t.article_id = a.id
    WHERE a.site_id = ?`,
  )
    .bind(site)
    .all<Record<'key' | 'counters' | 'days' | 'stored' | 'retired' | 'marks', string>>()
  const problems: string[] = []
  for (const a of articles) {
    if (a.days !== a.counters) problems.push(`${a.key}: counters ${a.counters}, days ${a.days}`)
    if (a.stored !== a.counters)
      problems.push(`${a.key}: counters ${a.counters}, responses + retired ${a.stored}`)
    if (a.marks !== a.retired) problems.push(`${a.key}: retired ${a.retired}, marks ${a.marks}`)
  }
  const { results: opds } = await env.DB.prepare(
    `SELECT opd, day FROM (
      SELECT opd, day, sangat_puas AS s4, puas AS s3, cukup_puas AS s2, tidak_puas AS s1,
        views AS v FROM opd_days WHERE site_id = ?1
      UNION ALL
      SELECT a.opd, d.day, -d.sangat_puas, -d.puas, -d.cukup_puas, -d.tidak_puas, -d.views
      FROM article_days d JOIN articles a ON a.id = d.article_id WHERE a.site_id = ?1)
    GROUP BY opd, day
    HAVING sum(s4) <> 0 OR sum(s3) <> 0 OR sum(s2) <> 0 OR sum(s1) <> 0 OR sum(v) <> 0`,
  )
    .bind(site)
    .all<{ opd: string; day: string }>()
  for (const o of opds) problems.push(`OPD ${o.opd} ${o.day}: its days are not its articles' days`)
  return problems
}

const expectLedger = async (site: string) => expect(await drift(site)).toEqual([])

const marksOf = (site: string, article: string) =>
  env.DB.prepare(
    `SELECT m.rating FROM retired_marks m JOIN articles a ON a.id = m.article_id
    WHERE a.site_id = ? AND a.key = ?`,
  )
    .bind(site, article)
    .all()
    .then((r) => r.results)

const responseOf = (site: string, article: string, reader: string) =>
  env.DB.prepare(
    `SELECT r.rating, r.spam FROM responses r JOIN articles a ON a.id = r.article_id
    WHERE a.site_id = ? AND a.key = ? AND r.reader = ?`,
  )
    .bind(site, article, reader)
    .first()

/** The reader's answer dated `days` ago in D1 alone: the article's object is not told. */
async function agedInD1(reader: string, days: number, now: number) {
  await settle()
  await env.DB.prepare('UPDATE responses SET answered_at = ? WHERE reader = ?')
    .bind(now - days * DAY, reader)
    .run()
}

interface Past {
  reader: string
  rating: number
  daysAgo: number
  spam?: number
}

/**
 * An article as D1 alone left it, with consistent counters and days: answers taken on the D1
 * path before the switch to objects, or by an object long gone. No object has seen it yet.
 */
async function history(site: string, article: string, now: number, answers: Past[]) {
  const id = `(SELECT id FROM articles WHERE site_id = '${site}' AND key = '${article}')`
  const add = (k: string) => `${k} = ${k} + excluded.${k}`
  await env.DB.batch([
    env.DB.prepare('INSERT OR IGNORE INTO opds (site_id, slug, created_at) VALUES (?, ?, ?)').bind(
      site,
      OPD,
      now,
    ),
    env.DB.prepare(
      'INSERT INTO articles (site_id, opd, key, first_seen_at) VALUES (?, ?, ?, ?)',
    ).bind(site, OPD, article, now - 200 * DAY),
    ...answers.map((a) =>
      env.DB.prepare(
        `INSERT INTO responses (article_id, reader, rating, day, answered_at, flagged, spam)
        VALUES (${id}, ?, ?, ?, ?, ?, ?)`,
      ).bind(
        a.reader,
        a.rating,
        jakartaDay(now - a.daysAgo * DAY),
        now - a.daysAgo * DAY,
        a.spam ?? 0,
        a.spam ?? 0,
      ),
    ),
    env.DB.prepare(
      `INSERT INTO article_days (article_id, day, sangat_puas, puas, cukup_puas, tidak_puas)
      SELECT article_id, day, sum(rating = 4), sum(rating = 3), sum(rating = 2), sum(rating = 1)
      FROM responses WHERE article_id = ${id} AND spam = 0 GROUP BY day`,
    ),
    env.DB.prepare(
      `INSERT INTO opd_days (site_id, opd, day, sangat_puas, puas, cukup_puas, tidak_puas)
      SELECT '${site}', '${OPD}', day, sangat_puas, puas, cukup_puas, tidak_puas
      FROM article_days WHERE article_id = ${id} AND true
      ON CONFLICT (site_id, opd, day) DO UPDATE SET ${['sangat_puas', 'puas', 'cukup_puas', 'tidak_puas'].map(add).join(', ')}`,
    ),
    env.DB.prepare(
      `UPDATE articles SET (sangat_puas, puas, cukup_puas, tidak_puas) = (SELECT
        sum(sangat_puas), sum(puas), sum(cukup_puas), sum(tidak_puas)
        FROM article_days WHERE article_id = articles.id) WHERE id = ${id}`,
    ),
  ])
}

const totalOf = async (site: string, article: string) =>
  (await (await summaryOf(site, article)).json<Summary>()).total

describe('an answer retired by D1 while its object holds it as live', () => {
  it('is counted once when its reader answers again, and retired again 180 days later', async () => {
    const now = Date.now()
    const { site, origin } = await newSite('tanda')
    const article = `${origin}/berita/ras-tanda`
    const [reader, other] = [crypto.randomUUID(), crypto.randomUUID()]
    await answer(origin, { opd: OPD, article, reader, rating: 1 })
    await answer(origin, { opd: OPD, article, reader: other, rating: 2 })
    await expectLedger(site)

    await agedInD1(reader, RESPONSE_RETENTION_DAYS + 1, now)
    await expectLedger(site)
    await nightly(now)
    await expectLedger(site)
    expect(await marksOf(site, article)).toEqual([{ rating: 1 }])

    const again = await (
      await answer(origin, { opd: OPD, article, reader, rating: 4 })
    ).json<Summary>()
    expect(again).toMatchObject({ total: 2, yours: 4 })
    await expectLedger(site)
    expect(await marksOf(site, article)).toEqual([])

    // The new answer's turn: no mark of the old one is left in its way.
    await agedInD1(reader, RESPONSE_RETENTION_DAYS + 1, now)
    await nightly(now)
    await expectLedger(site)
    expect(await marksOf(site, article)).toEqual([{ rating: 4 }])
    expect(await totalOf(site, article)).toBe(2)
  })

  it('is counted once when the first request after the switch to objects came before the job', async () => {
    const now = Date.now()
    const { site, origin } = await newSite('benih')
    const article = `${origin}/berita/ras-benih`
    const [reader, other] = [crypto.randomUUID(), crypto.randomUUID()]
    await history(site, article, now, [
      { reader, rating: 3, daysAgo: RESPONSE_RETENTION_DAYS + 1 },
      { reader: other, rating: 2, daysAgo: 3 },
    ])
    await expectLedger(site)
    // The object seeds itself from D1 on this first request.
    expect(await totalOf(site, article)).toBe(2)
    await expectLedger(site)
    await nightly(now)
    await expectLedger(site)
    expect(await marksOf(site, article)).toEqual([{ rating: 3 }])

    const again = await (
      await answer(origin, { opd: OPD, article, reader, rating: 1 })
    ).json<Summary>()
    expect(again).toMatchObject({ total: 2, yours: 1 })
    await expectLedger(site)
    expect(await marksOf(site, article)).toEqual([])
    expect(await responseOf(site, article, reader)).toEqual({ rating: 1, spam: 0 })
  })
})

describe('an excluded answer the object forgot before D1 deletes it', () => {
  it('is replaced by its reader’s new answer, counted once', async () => {
    const now = Date.now()
    const { site, origin } = await newSite('spam')
    const article = `${origin}/berita/ras-spam`
    const [reader, other] = [crypto.randomUUID(), crypto.randomUUID()]
    // Past the object's retention (178 days), not yet past D1's (180).
    await history(site, article, now, [
      { reader, rating: 1, daysAgo: RESPONSE_RETENTION_DAYS - 1, spam: 1 },
      { reader: other, rating: 3, daysAgo: 5 },
    ])
    await expectLedger(site)
    expect(await totalOf(site, article)).toBe(1)
    await expectLedger(site)
    // The object's first alarm of the day: its own retention.
    expect(await runDurableObjectAlarm(articleObject(env, site, article))).toBe(true)
    await expectLedger(site)

    const again = await (
      await answer(origin, { opd: OPD, article, reader, rating: 4 })
    ).json<Summary>()
    expect(again).toMatchObject({ total: 2, yours: 4 })
    await expectLedger(site)
    expect(await responseOf(site, article, reader)).toEqual({ rating: 4, spam: 0 })

    await nightly(now)
    await expectLedger(site)
    expect(await totalOf(site, article)).toBe(2)
  })
})

describe('the nightly job never stops on one bad batch', () => {
  it('replaces a mark the race left behind and mends the retired totals', async () => {
    const now = Date.now()
    const { site, origin } = await newSite('basi')
    const article = `${origin}/berita/tanda-basi`
    const [reader, other] = [crypto.randomUUID(), crypto.randomUUID()]
    await history(site, article, now, [
      { reader, rating: 4, daysAgo: RESPONSE_RETENTION_DAYS + 1 },
      { reader: other, rating: 2, daysAgo: 4 },
    ])
    // What the race left: the reader's earlier answer (1) still marked and in the retired
    // totals, though its rating left the counters when the reader answered 4.
    const id = `(SELECT id FROM articles WHERE site_id = '${site}' AND key = '${article}')`
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO retired_marks (article_id, reader_hash, rating, day) VALUES (${id}, ?, 1, ?)`,
      ).bind(await retiredMarkHash(site, article, reader), jakartaDay(now - 400 * DAY)),
      env.DB.prepare(`INSERT INTO retired_responses (article_id, tidak_puas) VALUES (${id}, 1)`),
    ])
    expect(await drift(site)).toEqual([
      `${article}: counters [1,0,1,0,0], responses + retired [1,0,1,1,0]`,
    ])

    await nightly(now)
    await expectLedger(site)
    expect(await marksOf(site, article)).toEqual([{ rating: 4 }])
    expect(await totalOf(site, article)).toBe(2)
  })

  it('skips the one row D1 refuses, retires the others and prunes the webhook log', async () => {
    const now = Date.now()
    const { site, origin } = await newSite('tolak')
    const [bad, good] = [`${origin}/berita/ditolak`, `${origin}/berita/diterima`]
    const readers = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()]
    await history(site, bad, now, [{ reader: readers[0], rating: 2, daysAgo: 200 }])
    await history(site, good, now, [
      { reader: readers[1], rating: 3, daysAgo: 201 },
      { reader: readers[2], rating: 4, daysAgo: 199 },
    ])
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO event_marks (event, subject, window_key, token, created_at)
        VALUES ('site.silent', ?, 'lama', 't', ?)`,
      ).bind(site, now - 40 * DAY),
      // A row D1 refuses, whatever the reason.
      env.DB.prepare(
        `CREATE TRIGGER refuse_retirement BEFORE INSERT ON retired_marks
        WHEN NEW.article_id = (SELECT id FROM articles WHERE site_id = '${site}' AND key = '${bad}')
        BEGIN SELECT RAISE(ABORT, 'refused'); END`,
      ),
    ])
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {})
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      await nightly(now)
      const line = JSON.parse((logged.mock.calls.find((c) => c[0] === 'retention') ?? [])[1])
      expect(line).toMatchObject({ responses: 2, failed: 1, complete: false })
      expect(errors).toHaveBeenCalledTimes(1)
      expect(JSON.stringify(errors.mock.calls)).not.toContain(readers[0])
    } finally {
      logged.mockRestore()
      errors.mockRestore()
      await env.DB.prepare('DROP TRIGGER refuse_retirement').run()
    }
    await expectLedger(site)
    expect(await responseOf(site, bad, readers[0])).toEqual({ rating: 2, spam: 0 })
    expect(await responseOf(site, good, readers[1])).toBeNull()
    expect(await responseOf(site, good, readers[2])).toBeNull()
    expect(await env.DB.prepare('SELECT count(*) AS n FROM event_marks').first()).toEqual({ n: 0 })

    // The next night takes what was refused.
    await nightly(now)
    await expectLedger(site)
    expect(await responseOf(site, bad, readers[0])).toBeNull()
    expect(await marksOf(site, bad)).toEqual([{ rating: 2 }])
  })
})
