import type { Summary } from '../../worker/domain/figures/summary'
import { beforeAll, describe, expect, it } from 'vitest'
import { answer, countersAndResponses, postJson, seedSite, settle, summaryOf } from './client'
import { env } from 'cloudflare:workers'

// POST /api/v1/visits: the widget's one request per page view (docs/contract.md §12).

const SITE = 'rembang'
const ORIGIN = 'https://rembangkab.go.id'
const PAGE = { opd: 'dinkes', title: 'Posyandu keliling' }

beforeAll(() => seedSite(SITE, [ORIGIN]))

const visit = (fields: Record<string, unknown>) =>
  postJson('/api/v1/visits', { ...PAGE, ...fields }, { origin: ORIGIN })

describe('POST /api/v1/visits', () => {
  it('counts the view once per reader and day and answers the summary with yours', async () => {
    const article = `${ORIGIN}/berita/posyandu`
    const alice = crypto.randomUUID()
    const bob = crypto.randomUUID()
    expect((await answer(ORIGIN, { ...PAGE, article, reader: alice, rating: 3 })).status).toBe(200)
    await answer(ORIGIN, { ...PAGE, article, rating: 1 })

    const first = await visit({ article, reader: alice })
    expect(first.status).toBe(200)
    expect(first.headers.get('Cache-Control')).toBe('no-store')
    const seen = await first.json<Summary>()
    expect(seen).toMatchObject({
      site: SITE,
      opd: 'dinkes',
      article,
      counts: { sangat_puas: 0, puas: 1, cukup_puas: 0, tidak_puas: 1 },
      percentages: { sangat_puas: 0, puas: 50, cukup_puas: 0, tidak_puas: 50 },
      total: 2,
      views: 1,
      yours: 3,
    })
    // The same reader again, and at once from two tabs: still one view; another reader is a second.
    const again = await Promise.all([
      visit({ article, reader: alice }),
      visit({ article, reader: alice }),
    ])
    for (const res of again) expect((await res.json<Summary>()).views).toBe(1)
    const other = await (await visit({ article, reader: bob })).json<Summary>()
    expect(other).toMatchObject({ views: 2, yours: null, total: 2 })

    // What the dashboard reads after the flush agrees: two views, counters = stored responses.
    expect((await (await summaryOf(SITE, article)).json<Summary>()).views).toBe(2)
    const { counters, days, stored } = await countersAndResponses(SITE, article)
    expect(counters).toEqual(stored)
    expect(days).toEqual(stored)
    const views = await env.DB.prepare(
      'SELECT sum(d.views) AS views FROM article_days d JOIN articles a ON a.id = d.article_id WHERE a.key = ?',
    )
      .bind(article)
      .first()
    expect(views).toEqual({ views: 2 })
  })

  it('creates an article nobody has seen, with zeros and the view', async () => {
    const article = `${ORIGIN}/berita/baru-${crypto.randomUUID().slice(0, 8)}`
    // The widget sends its whole config (lang, resultsAfter): fields the API does not read are ignored.
    const res = await visit({
      article,
      reader: crypto.randomUUID(),
      lang: 'id',
      resultsAfter: false,
    })
    expect(res.status).toBe(200)
    expect(await res.json<Summary>()).toMatchObject({ total: 0, views: 1, yours: null, ikm: null })
    await settle()
    const row = await env.DB.prepare('SELECT opd, title, views FROM articles WHERE key = ?')
      .bind(article)
      .first()
    expect(row).toEqual({ opd: 'dinkes', title: 'Posyandu keliling', views: 1 })
  })

  it('refuses what POST /views refuses, counting nothing', async () => {
    const res = await visit({
      article: `${ORIGIN}/berita/x`,
      reader: crypto.randomUUID(),
      opd: 'Bad Slug!',
    })
    expect(res.status).toBe(400)
    const elsewhere = await postJson(
      '/api/v1/visits',
      { ...PAGE, article: `${ORIGIN}/berita/x`, reader: crypto.randomUUID() },
      { origin: 'https://elsewhere.example' },
    )
    expect(elsewhere.status).toBe(403)
  })
})

describe('POST /api/v1/visits without a kept reader id', () => {
  it('counts the view under a new id and answers it, so the widget keeps it', async () => {
    const article = `${ORIGIN}/berita/pembaca-baru`
    const fresh = await (await visit({ article })).json<Summary & { reader: string }>()
    expect(fresh.reader).toMatch(/^[\da-f]{8}-([\da-f]{4}-){3}[\da-f]{12}$/)
    expect(fresh.views).toBe(1)
    // A kept value that is no UUID is replaced the same way, never refused.
    const odd = await (await visit({ article, reader: 'rusak' })).json<
      Summary & { reader: string }
    >()
    expect(odd.reader).not.toBe(fresh.reader)
    expect(odd.views).toBe(2)
    // The id answered is the reader's from then on: their next view the same day is not counted.
    const again = await (await visit({ article, reader: fresh.reader })).json<Summary>()
    expect(again.views).toBe(2)
  })
})
