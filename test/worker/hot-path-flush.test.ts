import type { Summary } from '../../worker/domain/figures/summary'
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { answer, newArticle, seedSite, settle, summaryOf, view } from './client'
import type { ArticleObject } from '../../worker/hot-path/article-object'
import { articleObject } from '../../worker/hot-path/article'
import { type Hashes, responseGuard } from '../../worker/abuse/guards'
import { jakartaDay } from '../../worker/domain/calendar/days'
import { guardKeys } from '../../worker/storage/address-guard'

// The vote path, the article's Durable Object: a vote is answered by
// the article's object and reaches D1 with the object's flush, one idempotent batch.

const SITE = 'rembang'
const ORIGIN = 'https://rembangkab.go.id'
const OPD = 'dinkes'

beforeAll(() => seedSite(SITE, [ORIGIN]))

const stub = (article: string) => articleObject(env, SITE, article)

/** Puts another D1 in the article object's place (`batch` only; the real one by default). */
function useD1(
  article: string,
  batch?: (real: D1Database, statements: D1PreparedStatement[]) => Promise<unknown>,
) {
  return runInDurableObject(stub(article), (object) => {
    const instance = object as ArticleObject
    instance.d1 = batch
      ? ({
          prepare: (sql: string) => env.DB.prepare(sql),
          batch: (statements: D1PreparedStatement[]) => batch(env.DB, statements),
        } as unknown as D1Database)
      : env.DB
  })
}

/** Asks until the answer is not null, for up to 10 s (the flush interval is 5 s). */
async function waitFor<T>(ask: () => Promise<T | null>): Promise<T | null> {
  for (let tries = 0; tries < 100; tries++) {
    const answer = await ask()
    if (answer !== null) return answer
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return null
}

async function d1Row(article: string) {
  return env.DB.prepare(
    'SELECT sangat_puas, puas, cukup_puas, tidak_puas, views FROM articles WHERE site_id = ? AND key = ?',
  )
    .bind(SITE, article)
    .first()
}

/**
 * The invariant a flush keeps: an article's counters = the sums of its days = its stored
 * responses (not spam) plus the retired ones; every OPD-day of the site = the sum of its
 * articles' days; every site-day = the sum of its OPD-days.
 */
async function expectInvariant(article: string) {
  const one = (sql: string, ...params: unknown[]) =>
    env.DB.prepare(sql)
      .bind(...params)
      .first()
  const counters = await d1Row(article)
  const days = await one(
    `SELECT sum(d.sangat_puas) AS sangat_puas, sum(d.puas) AS puas, sum(d.cukup_puas) AS cukup_puas,
      sum(d.tidak_puas) AS tidak_puas, sum(d.views) AS views
    FROM article_days d JOIN articles a ON a.id = d.article_id WHERE a.site_id = ? AND a.key = ?`,
    SITE,
    article,
  )
  const stored = await one(
    `SELECT coalesce(sum(r.rating = 4), 0) + coalesce(min(t.sangat_puas), 0) AS sangat_puas,
      coalesce(sum(r.rating = 3), 0) + coalesce(min(t.puas), 0) AS puas,
      coalesce(sum(r.rating = 2), 0) + coalesce(min(t.cukup_puas), 0) AS cukup_puas,
      coalesce(sum(r.rating = 1), 0) + coalesce(min(t.tidak_puas), 0) AS tidak_puas
    FROM articles a LEFT JOIN responses r ON r.article_id = a.id AND r.spam = 0
      LEFT JOIN retired_responses t ON t.article_id = a.id WHERE a.site_id = ? AND a.key = ?`,
    SITE,
    article,
  )
  expect(days).toEqual(counters)
  const { views: _, ...ratings } = counters as Record<string, number>
  expect(stored).toEqual(ratings)
  const opdDrift = await one(
    `SELECT count(*) AS n FROM opd_days o WHERE o.site_id = ?1 AND (o.sangat_puas, o.puas,
      o.cukup_puas, o.tidak_puas, o.views) IS NOT (SELECT coalesce(sum(d.sangat_puas), 0),
      coalesce(sum(d.puas), 0), coalesce(sum(d.cukup_puas), 0), coalesce(sum(d.tidak_puas), 0),
      coalesce(sum(d.views), 0) FROM article_days d JOIN articles a ON a.id = d.article_id
      WHERE a.site_id = o.site_id AND a.opd = o.opd AND d.day = o.day)`,
    SITE,
  )
  expect(opdDrift).toEqual({ n: 0 })
  const siteDrift = await one(
    `SELECT count(*) AS n FROM site_days s WHERE s.site_id = ?1 AND (s.sangat_puas, s.puas,
      s.cukup_puas, s.tidak_puas, s.views) IS NOT (SELECT coalesce(sum(o.sangat_puas), 0),
      coalesce(sum(o.puas), 0), coalesce(sum(o.cukup_puas), 0), coalesce(sum(o.tidak_puas), 0),
      coalesce(sum(o.views), 0) FROM opd_days o WHERE o.site_id = s.site_id AND o.day = s.day)`,
    SITE,
  )
  expect(siteDrift).toEqual({ n: 0 })
}

const counts = (s: Summary) => ({ ...s.counts, views: s.views })

describe('the article object', () => {
  it('answers concurrent and repeated votes exactly, before D1 has any of them', async () => {
    const article = newArticle(ORIGIN)
    // An article's first answer reaches D1 with its vote (so that D1 alone tells an article
    // nobody answered); every later one waits for the flush.
    expect((await answer(ORIGIN, { opd: OPD, article, rating: 3 })).status).toBe(200)
    const first = { sangat_puas: 0, puas: 1, cukup_puas: 0, tidak_puas: 0, views: 0 }
    expect(await d1Row(article)).toEqual(first)
    const readers = Array.from({ length: 30 }, () => crypto.randomUUID())
    const replies = await Promise.all(
      readers.flatMap((reader, i) => [
        answer(ORIGIN, { opd: OPD, article, reader, rating: 1 + (i % 4) }),
        answer(ORIGIN, { opd: OPD, article, reader, rating: 1 + (i % 4) }),
      ]),
    )
    expect(replies.every((r) => r.status === 200)).toBe(true)
    // Ten readers change their minds: their first answers come off.
    await Promise.all(
      readers
        .slice(0, 10)
        .map((reader) => answer(ORIGIN, { opd: OPD, article, reader, rating: 4 })),
    )
    const summary = await (await summaryOf(SITE, article, readers[0])).json<Summary>()
    expect(summary.counts).toEqual({ sangat_puas: 15, puas: 6, cukup_puas: 5, tidak_puas: 5 })
    expect(summary.yours).toBe(4)
    // The votes did not wait for D1: none of them is there until the flush.
    expect(await d1Row(article)).toEqual(first)
    await settle()
    expect(await d1Row(article)).toEqual({ ...summary.counts, views: 0 })
    await expectInvariant(article)
  })

  it('counts a view once per reader and day, and flushes it with the votes', async () => {
    const article = newArticle(ORIGIN)
    const alice = crypto.randomUUID()
    await Promise.all([
      view(ORIGIN, { opd: OPD, article, reader: alice }),
      view(ORIGIN, { opd: OPD, article, reader: alice }),
      view(ORIGIN, { opd: OPD, article }),
      answer(ORIGIN, { opd: OPD, article, reader: alice, rating: 2 }),
    ])
    const summary = await (await summaryOf(SITE, article)).json<Summary>()
    expect(counts(summary)).toEqual({
      sangat_puas: 0,
      puas: 0,
      cukup_puas: 1,
      tidak_puas: 0,
      views: 2,
    })
    await settle()
    expect(await d1Row(article)).toEqual(counts(summary))
    await expectInvariant(article)
  })

  it('flushes by its alarm, in one batch whose retry changes nothing', async () => {
    const article = newArticle(ORIGIN)
    for (const rating of [4, 3, 3]) await answer(ORIGIN, { opd: OPD, article, rating })
    // D1 commits the flush but its answer is lost: the object must send the same flush again.
    let batches = 0
    await useD1(article, async (real, statements) => {
      batches++
      await real.batch(statements)
      throw new Error('network lost after commit')
    })
    expect(await runDurableObjectAlarm(stub(article))).toBe(true)
    expect(batches).toBe(1)
    expect(await d1Row(article)).toEqual({
      sangat_puas: 1,
      puas: 2,
      cukup_puas: 0,
      tidak_puas: 0,
      views: 0,
    })
    await useD1(article)
    // The retry: same number, so D1 applies nothing twice.
    expect(await runDurableObjectAlarm(stub(article))).toBe(true)
    expect(await d1Row(article)).toEqual({
      sangat_puas: 1,
      puas: 2,
      cukup_puas: 0,
      tidak_puas: 0,
      views: 0,
    })
    await expectInvariant(article)
  })

  it('keeps answering while D1 fails, and D1 is exact once it recovers', async () => {
    const article = newArticle(ORIGIN)
    await answer(ORIGIN, { opd: OPD, article, rating: 4 })
    await useD1(article, async () => {
      throw new Error('D1 unavailable')
    })
    const readers = Array.from({ length: 12 }, () => crypto.randomUUID())
    for (const [i, reader] of readers.entries()) {
      const res = await answer(ORIGIN, { opd: OPD, article, reader, rating: 1 + (i % 4) })
      expect(res.status).toBe(200)
      // Failed flushes in between: each is retried later, nothing is dropped.
      if (i % 4 === 0) await runDurableObjectAlarm(stub(article))
    }
    await answer(ORIGIN, { opd: OPD, article, reader: readers[0], rating: 4 })
    expect(
      await stub(article)
        .flush()
        .then(
          () => 'flushed',
          () => 'failed',
        ),
    ).toBe('failed')
    // Only the article's first answer, which went to D1 with its vote.
    expect(await d1Row(article)).toEqual({
      sangat_puas: 1,
      puas: 0,
      cukup_puas: 0,
      tidak_puas: 0,
      views: 0,
    })
    await useD1(article)
    await settle()
    expect(await d1Row(article)).toEqual({
      sangat_puas: 5,
      puas: 3,
      cukup_puas: 3,
      tidak_puas: 2,
      views: 0,
    })
    await expectInvariant(article)
  })

  it('resumes from its own storage after eviction, not from D1', async () => {
    const article = newArticle(ORIGIN)
    const reader = crypto.randomUUID()
    await answer(ORIGIN, { opd: OPD, article, reader, rating: 3 })
    await settle()
    await evictDurableObject(stub(article))
    // Were the object to read D1 again it would see this (never a real change): it must not.
    await env.DB.prepare('UPDATE articles SET puas = 100 WHERE site_id = ? AND key = ?')
      .bind(SITE, article)
      .run()
    await answer(ORIGIN, { opd: OPD, article, reader, rating: 2 })
    const summary = await (await summaryOf(SITE, article, reader)).json<Summary>()
    expect(summary.counts).toEqual({ sangat_puas: 0, puas: 0, cukup_puas: 1, tidak_puas: 0 })
    expect(summary.yours).toBe(2)
  })

  it('counts what waited for D1 when it wakes from eviction, and flushes it once', async () => {
    const article = newArticle(ORIGIN)
    const [alice, bob] = [crypto.randomUUID(), crypto.randomUUID()]
    await answer(ORIGIN, { opd: OPD, article, reader: alice, rating: 4 })
    await settle()
    await answer(ORIGIN, { opd: OPD, article, reader: bob, rating: 3 })
    await answer(ORIGIN, { opd: OPD, article, reader: alice, rating: 1 })
    await view(ORIGIN, { opd: OPD, article, reader: bob })
    // Evicted with Bob's vote, Alice's change and a view still waiting for D1.
    await evictDurableObject(stub(article))
    const woken = await (await summaryOf(SITE, article, bob)).json<Summary>()
    expect(woken.counts).toEqual({ sangat_puas: 0, puas: 1, cukup_puas: 0, tidak_puas: 1 })
    expect(woken.views).toBe(1)
    await settle()
    expect(await d1Row(article)).toEqual({
      sangat_puas: 0,
      puas: 1,
      cukup_puas: 0,
      tidak_puas: 1,
      views: 1,
    })
    await expectInvariant(article)
  })

  it('takes storage written before schema version 2 (live counters stored) without counting twice', async () => {
    const article = newArticle(ORIGIN)
    await answer(ORIGIN, { opd: OPD, article, reader: crypto.randomUUID(), rating: 4 })
    await settle()
    await answer(ORIGIN, { opd: OPD, article, reader: crypto.randomUUID(), rating: 2 })
    // What a version-1 object left: the counters row live, the change also in pending_days.
    await runInDurableObject(stub(article), (_, state) => {
      state.storage.sql.exec('UPDATE meta SET sangat_puas = 1, cukup_puas = 1')
      state.storage.sql.exec('UPDATE schema_version SET v = 1')
    })
    await evictDurableObject(stub(article))
    const woken = await (await summaryOf(SITE, article)).json<Summary>()
    expect(woken.counts).toEqual({ sangat_puas: 1, puas: 0, cukup_puas: 1, tidak_puas: 0 })
    await settle()
    expect(await d1Row(article)).toMatchObject({ sangat_puas: 1, cukup_puas: 1 })
    await expectInvariant(article)
  })

  it('does not forget an article it holds no answer of while a first vote is under way', async () => {
    const article = newArticle(ORIGIN)
    // Shown, never answered: its alarm forgets it (tidy), as one a day later does.
    expect((await summaryOf(SITE, article)).status).toBe(200)
    const guard = responseGuard({ address: 'alamat', network: 'jaringan' } as Hashes)
    const event = {
      siteId: SITE,
      opd: OPD,
      key: article,
      title: null,
      reader: crypto.randomUUID(),
      nowMs: Date.now(),
      day: jakartaDay(Date.now()),
      guard,
      keys: guard && (await guardKeys(guard, SITE, article)),
    }
    const row = await runInDurableObject(stub(article), async (object) => {
      const instance = object as ArticleObject
      // The vote waits on the site's guard object; the alarm runs in that wait.
      const vote = instance.vote({ ...event, rating: 4 })
      await instance.alarm()
      return vote
    })
    expect(row).toMatchObject({ sangat_puas: 1, yours: 4 })
    await settle()
    expect(await d1Row(article)).toMatchObject({ sangat_puas: 1 })
  })

  it('seeds itself once from what D1 already holds of the article', async () => {
    const article = newArticle(ORIGIN)
    const [alice, bob] = [crypto.randomUUID(), crypto.randomUUID()]
    const day = '2026-01-05'
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO articles (site_id, opd, key, title, first_seen_at, puas, tidak_puas)
        VALUES (?, ?, ?, 'Lama', 1, 1, 1)`,
      ).bind(SITE, OPD, article),
      env.DB.prepare(
        `INSERT INTO article_days (article_id, day, puas, tidak_puas)
        SELECT id, ?, 1, 1 FROM articles WHERE key = ?`,
      ).bind(day, article),
      env.DB.prepare(
        `INSERT INTO opd_days (site_id, opd, day, puas, tidak_puas) VALUES (?, ?, ?, 1, 1)
        ON CONFLICT DO UPDATE SET puas = puas + 1, tidak_puas = tidak_puas + 1`,
      ).bind(SITE, OPD, day),
      env.DB.prepare(
        `INSERT INTO responses (article_id, reader, rating, day, answered_at)
        SELECT id, ?, 3, ?, 1 FROM articles WHERE key = ? UNION ALL
        SELECT id, ?, 1, ?, 1 FROM articles WHERE key = ?`,
      ).bind(alice, day, article, bob, day, article),
    ])
    // Alice changes her answer, Bob repeats his: one moves, nothing is counted twice.
    await answer(ORIGIN, { opd: OPD, article, reader: alice, rating: 4 })
    const summary = await (
      await answer(ORIGIN, { opd: OPD, article, reader: bob, rating: 1 })
    ).json<Summary>()
    expect(summary.counts).toEqual({ sangat_puas: 1, puas: 0, cukup_puas: 0, tidak_puas: 1 })
    await settle()
    await expectInvariant(article)
    const moved = await env.DB.prepare(
      'SELECT d.day, d.puas, d.sangat_puas FROM article_days d JOIN articles a ON a.id = d.article_id WHERE a.key = ? ORDER BY d.day',
    )
      .bind(article)
      .all()
    expect(moved.results[0]).toEqual({ day, puas: 0, sangat_puas: 0 })
    expect(moved.results[1]).toMatchObject({ puas: 0, sangat_puas: 1 })
  })

  it('flushes 5 s after a vote by its alarm, set once for the window, not once per change', async () => {
    const article = newArticle(ORIGIN)
    await answer(ORIGIN, { opd: OPD, article, reader: crypto.randomUUID(), rating: 4 })
    await answer(ORIGIN, { opd: OPD, article, reader: crypto.randomUUID(), rating: 3 })
    const alarmOf = () => runInDurableObject(stub(article), (_, state) => state.storage.getAlarm())
    const alarm = await alarmOf()
    // Due within the flush interval of the second answer: no timer in memory keeps the object.
    expect(alarm).not.toBeNull()
    expect(alarm).toBeLessThanOrEqual(Date.now() + 5_000)
    // A third change in the same window leaves the alarm where it is (a write saved).
    await answer(ORIGIN, { opd: OPD, article, reader: crypto.randomUUID(), rating: 2 })
    const third = await alarmOf()
    if (third !== null && third > Date.now()) expect(third).toBe(alarm)
    // The first answer went to D1 with its vote; the others wait for the alarm.
    expect(await d1Row(article)).toMatchObject({ sangat_puas: 1 })
    const flushed = await waitFor(async () => {
      const row = await d1Row(article)
      return row?.cukup_puas === 1 ? row : null
    })
    expect(flushed).toMatchObject({ sangat_puas: 1, puas: 1, cukup_puas: 1 })
    await expectInvariant(article)
  })

  it('takes an admin’s change while a flush is on its way to D1, instead of waiting for ever', async () => {
    const article = newArticle(ORIGIN)
    await answer(ORIGIN, { opd: OPD, article, rating: 3 })
    await answer(ORIGIN, { opd: OPD, article, rating: 4 })
    // A slow D1: the flush below is still on its way when the change's reread starts.
    await useD1(article, async (real, statements) => {
      await new Promise((resolve) => setTimeout(resolve, 300))
      return real.batch(statements)
    })
    const flushing = stub(article).flush()
    await new Promise((resolve) => setTimeout(resolve, 50))
    const reread = stub(article)
      .reread()
      .then(() => 'reread')
    const late = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 10_000))
    expect(await Promise.race([reread, late])).toBe('reread')
    await flushing
    await useD1(article)
    expect(await d1Row(article)).toEqual({
      sangat_puas: 1,
      puas: 1,
      cukup_puas: 0,
      tidak_puas: 0,
      views: 0,
    })
    await expectInvariant(article)
  })
})
