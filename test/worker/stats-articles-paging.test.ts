import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { rankArticles } from '../../worker/domain/figures/article-ranking'
import { seedSite } from './client'
import { expectRefusals, get, tokenFor } from './stats-fixtures'

// GET /stats/articles a page at a time (issue 30): following next_cursor from the first page
// to the last gives every article once, in the order one large page gives them, and that
// order is the ranking's (rankArticles), ties and all.

const SORTS = ['lowest', 'highest', 'responses', 'views'] as const
type Sort = (typeof SORTS)[number]
/** [sangat_puas, puas, cukup_puas, tidak_puas, views] */
type Figures = [number, number, number, number, number]
type Row = Record<string, unknown> & { site: string; article: string }
type Page = { rows: Row[]; next_cursor: string | null; matched: number; limit: number }

let token: string

/**
 * Articles straight into D1 in one statement, their figures on one day of July 2026 (and, for
 * `before`, in June, the range compared with), the rows travelling as one JSON parameter
 * (D1 binds at most 100 parameters).
 */
async function seedArticles(
  site: string,
  articles: [key: string, now: Figures, before?: Figures][],
) {
  await seedSite(site, [])
  const days = articles.flatMap(([key, now, before]) => [
    [key, '2026-07-10', ...now],
    ...(before ? [[key, '2026-06-10', ...before]] : []),
  ])
  await env.DB.batch([
    env.DB.prepare(
      "INSERT OR IGNORE INTO opds (site_id, slug, name, created_at) VALUES (?, 'dinas', NULL, 0)",
    ).bind(site),
    env.DB.prepare(
      `INSERT INTO articles (site_id, opd, key, title, first_seen_at, sangat_puas, puas, cukup_puas, tidak_puas, views)
       SELECT ?, 'dinas', value ->> 0, 'Judul ' || (value ->> 0), 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5
       FROM json_each(?)`,
    ).bind(site, JSON.stringify(articles.map(([key, now]) => [key, ...now]))),
    env.DB.prepare(
      `INSERT INTO article_days (article_id, day, sangat_puas, puas, cukup_puas, tidak_puas, views)
       SELECT (SELECT id FROM articles WHERE site_id = ? AND key = value ->> 0), value ->> 1,
         value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6
       FROM json_each(?)`,
    ).bind(site, JSON.stringify(days)),
  ])
}

const articlesOf = async (query: string) => {
  const res = await get(`/api/v1/stats/articles?${query}`, token)
  expect(res.status, query).toBe(200)
  return res.json<Page>()
}

/** Every page from the first, following next_cursor; each page's rows are at most `limit`. */
async function allPages(query: string, limit: number) {
  const pages: Page[] = []
  let cursor: string | null = null
  do {
    const more: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`
    const page = await articlesOf(`${query}&limit=${limit}${more}`)
    expect(page.rows.length).toBeLessThanOrEqual(limit)
    pages.push(page)
    cursor = page.next_cursor
  } while (cursor !== null && pages.length < 100)
  return pages
}

const ranked = (articles: [string, Figures, Figures?][], sort: Sort) =>
  rankArticles(
    articles
      .filter(([, f]) => f.some((n) => n > 0))
      .map(([article, [sangat_puas, puas, cukup_puas, tidak_puas, views]]) => ({
        article,
        counts: { sangat_puas, puas, cukup_puas, tidak_puas },
        total: sangat_puas + puas + cukup_puas + tidak_puas,
        views,
      })),
    sort,
  ).map((r) => r.article)

// 21 articles, a multiple of the limit 7, with ties on every key: equal figures under
// different keys, equal bounds from different counts, equal totals, views only.
const SITE = 'uji-halaman'
const FIGURES: [string, Figures, Figures?][] = [
  ...Array.from({ length: 6 }, (_, i): [string, Figures, Figures] => [
    `https://uji.go.id/sama-${String.fromCharCode(102 - i)}`,
    [3, 1, 0, 2, 40],
    [0, 0, 1, 5, 20],
  ]),
  ['https://uji.go.id/Besar', [120, 30, 10, 5, 900]],
  ['https://uji.go.id/marah', [0, 0, 0, 2, 40]],
  ['https://uji.go.id/rata', [25, 25, 25, 25, 900]],
  ['https://uji.go.id/senang', [36, 4, 0, 0, 300], [10, 10, 10, 10, 100]],
  ['https://uji.go.id/sepi-1', [0, 0, 0, 0, 12]],
  ['https://uji.go.id/sepi-2', [0, 0, 0, 0, 12]],
  ['https://uji.go.id/sepi-3', [0, 0, 0, 0, 40]],
  ...Array.from({ length: 8 }, (_, i): [string, Figures] => [
    `https://uji.go.id/n-${i}`,
    [i % 3, (i * 5) % 4, i % 2, (i * 7) % 3, 10 + (i % 4)],
  ]),
]

beforeAll(async () => {
  token = (await tokenFor('kominfo')).token
  await seedArticles(SITE, FIGURES)
  // Reasons on two articles, so each page must carry its own articles' reasons.
  await env.DB.prepare(
    `INSERT INTO reason_days (site_id, opd, article, day, reason, count) VALUES
       (?1, 'dinas', 'https://uji.go.id/marah', '2026-07-10', 'terlambat', 2),
       (?1, 'dinas', 'https://uji.go.id/n-3', '2026-07-10', 'lainnya', 1)`,
  )
    .bind(SITE)
    .run()
})

describe('GET /api/v1/stats/articles, page by page', () => {
  it.each(
    SORTS.flatMap((sort) => [
      [sort, ''],
      [sort, '&from=2026-07-01&to=2026-07-31'],
    ]),
  )(
    'sort=%s%s: the pages together are the whole ranking, each article once',
    async (sort, range) => {
      const query = `site=${SITE}&sort=${sort}${range}`
      const whole = await articlesOf(`${query}&limit=1000`)
      expect(whole.next_cursor).toBeNull()
      expect(whole.rows.map((r) => r.article)).toEqual(ranked(FIGURES, sort))

      const pages = await allPages(query, 7)
      expect(pages.length).toBe(3)
      expect(pages.map((p) => p.rows.length)).toEqual([7, 7, 7])
      expect(pages.every((p) => p.matched === FIGURES.length)).toBe(true)
      // Figures, reasons and the change from June: the same rows, not only the same keys.
      expect(pages.flatMap((p) => p.rows)).toEqual(whole.rows)
      expect(pages.at(-1)!.next_cursor).toBeNull()
    },
  )

  it('gives the next page of a download in its Link header, and none on the last', async () => {
    const first = await get(`/api/v1/stats/articles?site=${SITE}&limit=20&format=csv`, token)
    expect(first.status).toBe(200)
    expect((await first.text()).trim().split('\n')).toHaveLength(1 + 20)
    const link = /^<([^>]+)>; rel="next"$/.exec(first.headers.get('Link') ?? '')
    expect(link).not.toBeNull()
    const last = await get(link![1], token)
    expect((await last.text()).trim().split('\n')).toHaveLength(1 + 1)
    expect(last.headers.get('Link')).toBeNull()
  })

  it('refuses a cursor it did not give, or gave for another sort, and changes nothing', async () => {
    const { next_cursor } = await articlesOf(`site=${SITE}&limit=7&sort=views`)
    const cursor = next_cursor!
    const flipped = cursor.slice(0, 5) + (cursor[5] === 'A' ? 'B' : 'A') + cursor.slice(6)
    const forged = btoa(JSON.stringify(['views', 0, 'x', 0, 'a', SITE]))
    const path = (c: string, sort = 'views') =>
      `/api/v1/stats/articles?site=${SITE}&limit=7&sort=${sort}&cursor=${encodeURIComponent(c)}`
    await expectRefusals(token, [
      ['GET', path(cursor, 'lowest'), undefined, 400, 'invalid_request'],
      ['GET', path(flipped), undefined, 400, 'invalid_request'],
      ['GET', path(cursor.slice(0, -4)), undefined, 400, 'invalid_request'],
      ['GET', path('bukan-kursor'), undefined, 400, 'invalid_request'],
      ['GET', path(forged), undefined, 400, 'invalid_request'],
      ['GET', path('A'.repeat(3000)), undefined, 400, 'invalid_request'],
    ])
  })

  it('ranks generated articles exactly as rankArticles does, page by page', async () => {
    const figure = fc.oneof(fc.nat({ max: 4 }), fc.nat({ max: 400 }))
    const figures = fc.tuple(figure, figure, figure, figure, fc.nat({ max: 50 }))
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.array(figures, { minLength: 1, maxLength: 30 }),
        fc.constantFrom(...SORTS),
        fc.integer({ min: 1, max: 9 }),
        async (list, sort, limit) => {
          const site = `uji-acak-${run++}`
          const articles = list.map((f, i): [string, Figures] => [`https://acak.go.id/${i}`, f])
          await seedArticles(site, articles)
          const pages = await allPages(`site=${site}&sort=${sort}`, limit)
          expect(pages.flatMap((p) => p.rows.map((r) => r.article))).toEqual(ranked(articles, sort))
        },
      ),
      { numRuns: 25 },
    )
  })
})
