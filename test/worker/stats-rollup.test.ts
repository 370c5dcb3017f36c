import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { postJson, seedSite, settle } from './client'
import { get, tokenFor } from './stats-fixtures'

// The OPD-day roll-up moves in the same batch as the article one: after any mix of answers,
// changed answers and views, an OPD's days add up to its articles' days, and the
// statistics (which read only roll-ups) agree with the stored responses.
const SITE = 'rollup'
const ORIGIN = 'https://rollup.go.id'
const post = (path: string, body: object) => postJson(path, body, { origin: ORIGIN })

beforeAll(() => seedSite(SITE, [ORIGIN]))

describe('the OPD-day roll-up', () => {
  it('adds up to the article days and to the responses', async () => {
    const readers = Array.from({ length: 6 }, () => crypto.randomUUID())
    const articles = ['https://rollup.go.id/a', 'https://rollup.go.id/b']
    for (const [i, reader] of readers.entries()) {
      for (const article of articles) {
        await post('/api/v1/views', { opd: 'satpolpp', article, reader })
        await post('/api/v1/views', { opd: 'satpolpp', article, reader })
        await post('/api/v1/responses', { opd: 'satpolpp', article, reader, rating: (i % 4) + 1 })
      }
    }
    // Per article so far: ratings 1,2,3,4,1,2. Then changed answers (1 → 4, 2 → 1), a repeated
    // answer, and a request that names another OPD for an existing article.
    await post('/api/v1/responses', {
      opd: 'satpolpp',
      article: articles[0],
      reader: readers[0],
      rating: 4,
    })
    await post('/api/v1/responses', {
      opd: 'satpolpp',
      article: articles[0],
      reader: readers[0],
      rating: 4,
    })
    await post('/api/v1/responses', {
      opd: 'dishub',
      article: articles[1],
      reader: readers[1],
      rating: 1,
    })

    await settle()
    const byOpd = await env.DB.prepare(
      `SELECT opd, sum(sangat_puas) s, sum(puas) p, sum(cukup_puas) c, sum(tidak_puas) t, sum(views) v
       FROM opd_days WHERE site_id = ? GROUP BY opd`,
    )
      .bind(SITE)
      .all()
    const byArticleDays = await env.DB.prepare(
      `SELECT a.opd, sum(d.sangat_puas) s, sum(d.puas) p, sum(d.cukup_puas) c, sum(d.tidak_puas) t, sum(d.views) v
       FROM article_days d JOIN articles a ON a.id = d.article_id WHERE a.site_id = ? GROUP BY a.opd`,
    )
      .bind(SITE)
      .all()
    expect(byOpd.results).toEqual(byArticleDays.results)
    expect(byOpd.results).toEqual([{ opd: 'satpolpp', s: 3, p: 2, c: 3, t: 4, v: 12 }])

    const token = (await tokenFor('kominfo')).token
    const { rows } = await (await get(`/api/v1/stats/opds?site=${SITE}`, token)).json<{
      rows: { opd: string; total: number }[]
    }>()
    const stored = await env.DB.prepare(
      'SELECT count(*) n FROM responses r JOIN articles a ON a.id = r.article_id WHERE a.site_id = ?',
    )
      .bind(SITE)
      .first<{ n: number }>()
    expect(rows.find((r) => r.opd === 'satpolpp')?.total).toBe(stored?.n)
  })
})
