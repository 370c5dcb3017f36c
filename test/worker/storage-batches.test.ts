import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { database } from '../../worker/db/client'
import { jakartaDay } from '../../worker/domain/calendar/days'
import { SAME_TEXT_READERS } from '../../worker/domain/comments/comment-spam'
import type { RatingValue } from '../../worker/domain/figures/rating-scale'
import { articleObject, changeArticles } from '../../worker/hot-path/article'
import type { ArticleRef } from '../../worker/storage/articles'
import { recordComment } from '../../worker/storage/comments'
import { mergeOpd, moveArticle, opdArticleKeys } from '../../worker/storage/opd-moves'
import { applyRetention, RESPONSE_RETENTION_DAYS } from '../../worker/storage/retention'
import { seedSite } from './client'

// The writes called directly inside workerd, without HTTP: whatever sequence of new, changed,
// repeated and concurrent answers and views (through the article objects, each flushed to D1),
// retention runs and OPD moves reaches D1, the figures agree with each other and with what
// readers last answered.

const db = database(env.DB)
const DAY_MS = 86_400_000
// Three days before the run: the objects retire answers by the real clock as well as by the
// instants given here, and three recent days keep both in step.
const T0 = Date.now() - 3 * DAY_MS
const OPDS = ['dinkes', 'dishub', 'dinsos'] as const
const DAYS = [0, 1, 2].map((i) => jakartaDay(T0 + i * DAY_MS))
const RATINGS = ['tidak_puas', 'cukup_puas', 'puas', 'sangat_puas'] as const
const COLUMNS = [...RATINGS, 'views'] as const

let sites = 0
/** A site of its own per test (storage is shared by the file), with its OPDs registered. */
async function freshSite() {
  const site = `batch-${++sites}`
  await seedSite(site, [])
  await env.DB.batch(
    OPDS.map((o) =>
      env.DB.prepare(
        'INSERT INTO opds (site_id, slug, name, created_at) VALUES (?, ?, NULL, 0)',
      ).bind(site, o),
    ),
  )
  return site
}

const ref = (siteId: string, opd: string, key: string): ArticleRef => ({
  siteId,
  opd,
  key,
  title: null,
})

/** A reader's answer as the Worker takes it (no abuse guard): the article's object, then its flush. */
async function recordResponse(
  a: ArticleRef,
  reader: string,
  rating: RatingValue,
  nowMs: number,
  day: string,
) {
  const object = articleObject(env, a.siteId, a.key)
  const row = await object.vote({ ...a, reader, rating, nowMs, day, guard: null, keys: null })
  await object.flush()
  return row
}

/** A reader's view as the Worker takes it, flushed. */
async function recordView(a: ArticleRef, reader: string, nowMs: number, day: string) {
  const object = articleObject(env, a.siteId, a.key)
  await object.view({ ...a, reader, nowMs, day, guard: null, keys: null })
  await object.flush()
}

/** An admin's move as the route makes it: the articles' objects flush first and reread after. */
const moveArticleOf = (site: string, key: string, to: string) =>
  changeArticles(env, site, [key], () => moveArticle(db, site, key, { opd: to }))
const mergeOpdOf = async (site: string, from: string, into: string) =>
  changeArticles(env, site, await opdArticleKeys(db, site, from), () =>
    mergeOpd(db, site, from, into),
  )

type Figures = Record<(typeof COLUMNS)[number], number>
const rows = async <T>(query: string, ...params: unknown[]) =>
  (
    await env.DB.prepare(query)
      .bind(...params)
      .all<T>()
  ).results
const sums = COLUMNS.map((c) => `coalesce(sum(${c}), 0) AS ${c}`).join(', ')
const tallies = RATINGS.map((c, i) => `coalesce(sum(r.rating = ${i + 1}), 0) AS ${c}`).join(', ')

/**
 * Asserts the three invariants of the write path on one site: an article's counters equal its
 * stored responses (not excluded as spam) plus those retention retired; its days add up to
 * its counters; and an OPD's days equal the sum of its articles' days, day by day.
 */
async function expectConsistent(site: string) {
  const articles = await rows<Figures & { id: number; key: string; opd: string }>(
    'SELECT id, key, opd, tidak_puas, cukup_puas, puas, sangat_puas, views FROM articles WHERE site_id = ?',
    site,
  )
  for (const a of articles) {
    const [stored] = await rows<Figures>(
      `SELECT ${tallies} FROM responses r WHERE r.article_id = ? AND r.spam = 0`,
      a.id,
    )
    const [retired] = await rows<Figures>(
      `SELECT ${RATINGS.map((c) => `coalesce(sum(${c}), 0) AS ${c}`).join(', ')}
       FROM retired_responses WHERE article_id = ?`,
      a.id,
    )
    const [days] = await rows<Figures>(
      `SELECT ${sums} FROM article_days WHERE article_id = ?`,
      a.id,
    )
    const counted = Object.fromEntries(RATINGS.map((c) => [c, stored[c] + retired[c]]))
    expect({ article: a.key, ...pick(a, RATINGS) }).toEqual({
      article: a.key,
      ...counted,
    })
    expect({ article: a.key, ...pick(days, COLUMNS) }).toEqual({
      article: a.key,
      ...pick(a, COLUMNS),
    })
  }
  // Rows at zero on either side mean nothing happened that day: a move may remove them.
  const nonZero = COLUMNS.map((c) => `${c} <> 0`).join(' OR ')
  const opdDays = await rows(
    `SELECT opd, day, ${COLUMNS.join(', ')} FROM opd_days WHERE site_id = ? AND (${nonZero})
     ORDER BY opd, day`,
    site,
  )
  const fromArticles = await rows(
    `SELECT a.opd, d.day, ${COLUMNS.map((c) => `sum(d.${c}) AS ${c}`).join(', ')}
     FROM article_days d JOIN articles a ON a.id = d.article_id WHERE a.site_id = ?
     GROUP BY a.opd, d.day HAVING ${COLUMNS.map((c) => `sum(d.${c}) <> 0`).join(' OR ')}
     ORDER BY a.opd, d.day`,
    site,
  )
  expect(opdDays).toEqual(fromArticles)
}

function pick<K extends string>(row: Record<string, unknown>, keys: readonly K[]) {
  return Object.fromEntries(keys.map((k) => [k, row[k]])) as Record<K, unknown>
}

/** Per article key, the answers readers last gave, as the counters should show them. */
async function countersOf(site: string) {
  const list = await rows<Figures & { key: string }>(
    `SELECT key, ${RATINGS.join(', ')} FROM articles WHERE site_id = ? ORDER BY key`,
    site,
  )
  return Object.fromEntries(list.map((a) => [a.key, RATINGS.map((c) => a[c])]))
}

function tally(answers: Map<string, RatingValue>) {
  const out: Record<string, number[]> = {}
  for (const [at, rating] of answers) {
    const key = at.split('|')[0]
    out[key] ??= [0, 0, 0, 0]
    out[key][rating - 1]++
  }
  return out
}

describe('answers and views through the objects, retention and the moves, called directly', () => {
  it('a new, a repeated and a changed answer keep counters, days and OPD days in step', async () => {
    const site = await freshSite()
    const a = ref(site, 'dinkes', 'https://b.test/1')
    await recordResponse(a, 'r1', 4, T0, DAYS[0])
    await recordResponse(a, 'r1', 4, T0 + 1, DAYS[0])
    const changed = await recordResponse(a, 'r1', 1, T0 + DAY_MS, DAYS[1])

    expect(changed).toMatchObject({ sangat_puas: 0, tidak_puas: 1, yours: 1 })
    // The changed answer counts on its new day only: the first day is back at zero.
    const days = await rows(
      `SELECT d.day, d.sangat_puas, d.tidak_puas FROM article_days d
       JOIN articles a ON a.id = d.article_id WHERE a.site_id = ? ORDER BY d.day`,
      site,
    )
    expect(days).toEqual([
      { day: DAYS[0], sangat_puas: 0, tidak_puas: 0 },
      { day: DAYS[1], sangat_puas: 0, tidak_puas: 1 },
    ])
    await expectConsistent(site)
  })

  it('the same answer sent many times at once is counted once', async () => {
    const site = await freshSite()
    const a = ref(site, 'dishub', 'https://b.test/2')
    await Promise.all(Array.from({ length: 8 }, () => recordResponse(a, 'r1', 3, T0, DAYS[0])))
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => recordResponse(a, `r${i + 2}`, 2, T0, DAYS[0])),
    )

    expect(await countersOf(site)).toEqual({ [a.key]: [0, 6, 1, 0] })
    await expectConsistent(site)
  })

  it('a view counts once per reader and day, and again the next day', async () => {
    const site = await freshSite()
    const a = ref(site, 'dinsos', 'https://b.test/3')
    await Promise.all(Array.from({ length: 5 }, () => recordView(a, 'r1', T0, DAYS[0])))
    await recordView(a, 'r1', T0 + DAY_MS, DAYS[1])
    await recordView(a, 'r2', T0 + DAY_MS, DAYS[1])

    expect(await rows('SELECT views FROM articles WHERE site_id = ?', site)).toEqual([{ views: 3 }])
    await expectConsistent(site)
  })

  it('a retired reader who answers again replaces the retired rating, not adds to it', async () => {
    const site = await freshSite()
    const a = ref(site, 'dinkes', 'https://b.test/4')
    await recordResponse(a, 'r1', 4, T0, DAYS[0])
    await recordResponse(a, 'r2', 3, T0, DAYS[0])
    const report = await applyRetention(db, T0 + (RESPONSE_RETENTION_DAYS + 1) * DAY_MS, {
      batchRows: 1,
    })
    expect(report).toMatchObject({
      responses: expect.any(Number),
      complete: true,
    })
    expect(
      await rows(
        'SELECT count(*) AS n FROM responses r JOIN articles a ON a.id = r.article_id WHERE a.site_id = ?',
        site,
      ),
    ).toEqual([{ n: 0 }])
    await expectConsistent(site)

    await recordResponse(a, 'r1', 1, T0 + 200 * DAY_MS, DAYS[2])
    expect(await countersOf(site)).toEqual({ [a.key]: [1, 0, 1, 0] })
    await expectConsistent(site)
  })

  it('a retention run cut short after any batch leaves consistent figures', async () => {
    const site = await freshSite()
    for (let i = 0; i < 5; i++) {
      const a = ref(site, OPDS[i % 3], `https://b.test/5-${i}`)
      for (let r = 0; r < 3; r++)
        await recordResponse(a, `r${r}`, (((i + r) % 4) + 1) as RatingValue, T0 + i, DAYS[r])
    }
    const before = await countersOf(site)
    const now = T0 + (RESPONSE_RETENTION_DAYS + 1) * DAY_MS
    // Every run spends a batch on each of the five short-lived tables before responses.
    for (let run = 0; run < 40; run++) {
      const report = await applyRetention(db, now, {
        batchRows: 2,
        maxBatches: 7,
      })
      await expectConsistent(site)
      if (report.complete) break
    }
    expect(
      await rows(
        'SELECT count(*) AS n FROM responses r JOIN articles a ON a.id = r.article_id WHERE a.site_id = ?',
        site,
      ),
    ).toEqual([{ n: 0 }])
    expect(await countersOf(site)).toEqual(before)
  })

  it('merging an OPD and moving an article keep OPD days equal to their articles', async () => {
    const site = await freshSite()
    for (const [i, opd] of OPDS.entries()) {
      const a = ref(site, opd, `https://b.test/6-${i}`)
      await recordResponse(a, 'r1', 4, T0, DAYS[i])
      await recordResponse(a, 'r2', 2, T0, DAYS[0])
      await recordView(a, 'r1', T0, DAYS[0])
    }
    expect(await moveArticleOf(site, 'https://b.test/6-0', 'dishub')).toMatchObject({
      opd: 'dishub',
    })
    await expectConsistent(site)
    expect(await mergeOpdOf(site, 'dishub', 'dinsos')).toEqual({
      articles: 2,
      tokens: 0,
      services: 0,
    })
    await expectConsistent(site)
    expect(await rows('SELECT DISTINCT opd FROM opd_days WHERE site_id = ?', site)).toEqual([
      { opd: 'dinsos' },
    ])
  })
})

describe('recordComment, called directly', () => {
  const comment = (
    siteId: string,
    article: string,
    reader: string,
    text: string,
    campaign: string | null = null,
  ) =>
    recordComment(db, {
      siteId,
      article,
      reader,
      text,
      campaign,
      nowMs: T0,
      day: DAYS[0],
    })
  const stored = (site: string) =>
    rows<{ reader: string; text: string }>(
      `SELECT c.reader, c.text FROM comments c JOIN articles a ON a.id = c.article_id
       WHERE a.site_id = ? ORDER BY c.reader`,
      site,
    )

  it('without a response nothing is written; with one, a later comment replaces the first', async () => {
    const site = await freshSite()
    const a = ref(site, 'dinkes', 'https://b.test/7')
    expect(await comment(site, a.key, 'r1', 'jalan rusak', 'c1')).toBe('no_response')
    expect(await rows('SELECT * FROM comment_text_marks WHERE site_id = ?', site)).toEqual([])

    await recordResponse(a, 'r1', 1, T0, DAYS[0])
    expect(await comment(site, a.key, 'r1', 'jalan rusak')).toBe('stored')
    expect(await comment(site, a.key, 'r1', 'jalan masih rusak')).toBe('stored')
    expect(await stored(site)).toEqual([{ reader: 'r1', text: 'jalan masih rusak' }])
  })

  it('the same text from more readers than allowed in a day is dropped past the limit', async () => {
    const site = await freshSite()
    const a = ref(site, 'dinkes', 'https://b.test/8')
    const readers = ['r1', 'r2', 'r3', 'r4', 'r5']
    for (const r of readers) await recordResponse(a, r, 1, T0, DAYS[0])
    const outcomes = []
    for (const r of readers) outcomes.push(await comment(site, a.key, r, 'sama', 'campaign'))

    // The reader who makes it SAME_TEXT_READERS readers turns the text into a campaign.
    expect(SAME_TEXT_READERS).toBe(3)
    expect(outcomes).toEqual(['stored', 'stored', 'dropped', 'dropped', 'dropped'])
    expect((await stored(site)).map((c) => c.reader)).toEqual(['r1', 'r2'])
  })
})

// The operations a property run picks from: small pools, so readers collide, answers change,
// repeat and race, and moves land on articles that have figures.
const reader = fc.constantFrom('r1', 'r2', 'r3', 'r4')
const article = fc.integer({ min: 0, max: 3 })
const opd = fc.constantFrom(...OPDS)
const day = fc.integer({ min: 0, max: 2 })
const rating = fc.integer({ min: 1, max: 4 }) as fc.Arbitrary<RatingValue>
const answerOp = fc.record({
  kind: fc.constant('answer' as const),
  reader,
  article,
  opd,
  rating,
  day,
})
const operation = fc.oneof(
  { weight: 5, arbitrary: answerOp },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('at-once' as const),
      answers: fc.array(answerOp, { minLength: 2, maxLength: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('view' as const),
      reader,
      article,
      opd,
      day,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('retention' as const),
      batchRows: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('merge' as const),
      from: opd,
      into: opd,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('move' as const),
      article,
      to: opd,
    }),
  },
)
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never

describe('any sequence of writes', () => {
  it('keeps the invariants, and the counters show what each reader last answered', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 1, maxLength: 12 }),
        async (ops: Operation[]) => {
          const site = await freshSite()
          const key = (n: number) => `https://b.test/p/${n}`
          // The model: each reader's current answer per article, which no write may lose or double.
          const answers = new Map<string, RatingValue>()
          let clock = T0
          const answer = async (op: Extract<Operation, { kind: 'answer' }>) => {
            // As the route does: an OPD first seen is registered (it may have been merged away).
            await env.DB.prepare(
              'INSERT OR IGNORE INTO opds (site_id, slug, name, created_at) VALUES (?, ?, NULL, 0)',
            )
              .bind(site, op.opd)
              .run()
            await recordResponse(
              ref(site, op.opd, key(op.article)),
              op.reader,
              op.rating,
              ++clock,
              DAYS[op.day],
            )
          }
          for (const op of ops) {
            if (op.kind === 'answer') {
              await answer(op)
              answers.set(`${key(op.article)}|${op.reader}`, op.rating)
            } else if (op.kind === 'at-once') {
              await Promise.all(op.answers.map(answer))
              // Racing answers of one reader: whichever landed last is the one kept.
              for (const a of op.answers) {
                const [row] = await rows<{ rating: RatingValue }>(
                  `SELECT r.rating FROM responses r JOIN articles a ON a.id = r.article_id
                 WHERE a.site_id = ? AND a.key = ? AND r.reader = ?`,
                  site,
                  key(a.article),
                  a.reader,
                )
                const sent = op.answers
                  .filter((b) => b.article === a.article && b.reader === a.reader)
                  .map((b) => b.rating)
                const before = answers.get(`${key(a.article)}|${a.reader}`)
                // No row: the reader repeated, unchanged, an answer D1's retention had retired
                // and the object not yet (it retires by the real clock): the retired totals
                // hold it once, and nothing was written.
                if (!row && before !== undefined && sent.every((r) => r === before)) continue
                expect(sent).toContain(row.rating)
                answers.set(`${key(a.article)}|${a.reader}`, row.rating)
              }
            } else if (op.kind === 'view') {
              await recordView(ref(site, op.opd, key(op.article)), op.reader, ++clock, DAYS[op.day])
            } else if (op.kind === 'retention') {
              await applyRetention(db, clock + RESPONSE_RETENTION_DAYS * DAY_MS - 3, {
                batchRows: op.batchRows,
              })
            } else if (op.kind === 'merge') {
              if (op.from !== op.into) await mergeOpdOf(site, op.from, op.into)
            } else {
              await moveArticleOf(site, key(op.article), op.to)
            }
            await expectConsistent(site)
          }
          const counters = await countersOf(site)
          const expected = tally(answers)
          expect(counters).toEqual({
            ...Object.fromEntries(Object.keys(counters).map((k) => [k, [0, 0, 0, 0]])),
            ...expected,
          })
        },
      ),
      { numRuns: 25 },
    )
  })
})
