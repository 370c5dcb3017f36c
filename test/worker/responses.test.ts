import type { Summary } from '../../worker/domain/figures/summary'
import { env } from 'cloudflare:workers'
import { ratingKey } from '../../worker/domain/figures/rating-scale'
import { beforeAll, describe, expect, it } from 'vitest'
import { answer, call, countersAndResponses, errorOf, seedSite, settle, summaryOf } from './client'

const SITE = 'kudus'
const ORIGIN = 'https://diskominfo.kuduskab.go.id'

beforeAll(() => seedSite(SITE, [ORIGIN, 'https://kuduskab.go.id']))

describe('POST /api/v1/responses', () => {
  it('answers with the summary, the contract example included', async () => {
    const article = 'https://diskominfo.kuduskab.go.id/berita/contoh-kontrak'
    const ratings = [...Array(12).fill(4), 3, 2, 1, 1]
    let last: Response | undefined
    for (const r of ratings) last = await answer(ORIGIN, { article, rating: r, title: 'Contoh' })
    expect(last!.status).toBe(200)
    const body = await last!.json<Summary>()
    expect(body).toEqual({
      site: SITE,
      opd: 'diskominfo',
      article,
      counts: { sangat_puas: 12, puas: 1, cukup_puas: 1, tidak_puas: 2 },
      percentages: { sangat_puas: 75, puas: 6, cukup_puas: 6, tidak_puas: 13 },
      total: 16,
      views: 0,
      ikm: 85.94,
      grade: 'B',
      yours: 1,
    })
  })

  it('replaces a reader’s earlier answer and never counts them twice', async () => {
    const article = 'https://kuduskab.go.id/berita/ganti-jawaban'
    const reader = crypto.randomUUID()
    await answer(ORIGIN, { article, reader, rating: 4 })
    const changed = await (await answer(ORIGIN, { article, reader, rating: 1 })).json<Summary>()
    expect(changed.counts).toEqual({ sangat_puas: 0, puas: 0, cukup_puas: 0, tidak_puas: 1 })
    expect(changed.total).toBe(1)
    expect(changed.yours).toBe(1)
    expect(await countersAndResponses(SITE, article)).toEqual({
      counters: { sangat_puas: 0, puas: 0, cukup_puas: 0, tidak_puas: 1 },
      days: { sangat_puas: 0, puas: 0, cukup_puas: 0, tidak_puas: 1 },
      stored: { sangat_puas: 0, puas: 0, cukup_puas: 0, tidak_puas: 1 },
    })
  })

  it('changes nothing when the same request comes twice', async () => {
    const article = 'https://kuduskab.go.id/berita/dua-kali'
    const reader = crypto.randomUUID()
    const first = await (await answer(ORIGIN, { article, reader, rating: 3 })).json<Summary>()
    const before = await env.DB.prepare(
      'SELECT * FROM responses r JOIN articles a ON a.id = r.article_id WHERE a.key = ?',
    )
      .bind(article)
      .all()
    const second = await (await answer(ORIGIN, { article, reader, rating: 3 })).json<Summary>()
    const after = await env.DB.prepare(
      'SELECT * FROM responses r JOIN articles a ON a.id = r.article_id WHERE a.key = ?',
    )
      .bind(article)
      .all()
    expect(second).toEqual(first)
    expect(after.results).toEqual(before.results)
  })

  it('keeps counters equal to stored responses under 100 concurrent readers', async () => {
    const article = 'https://kuduskab.go.id/berita/serentak'
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => answer(ORIGIN, { article, rating: (i % 4) + 1 })),
    )
    expect(replies.map((r: Response) => r.status)).toEqual(Array(100).fill(200))
    const summary = await (await summaryOf(SITE, article)).json<Summary>()
    expect(summary.total).toBe(100)
    expect(summary.counts).toEqual({ sangat_puas: 25, puas: 25, cukup_puas: 25, tidak_puas: 25 })
    const { counters, days, stored } = await countersAndResponses(SITE, article)
    expect(counters).toEqual(stored)
    expect(days).toEqual(stored)
  })

  it('counts one reader once under concurrent repeated and changed answers', async () => {
    const article = 'https://kuduskab.go.id/berita/satu-pembaca'
    const reader = crypto.randomUUID()
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        answer(ORIGIN, { article, reader, rating: (i % 4) + 1 }),
      ),
    )
    const { counters, days, stored } = await countersAndResponses(SITE, article)
    expect(stored).toEqual(counters)
    expect(days).toEqual(counters)
    const summary = await (await summaryOf(SITE, article, reader)).json<Summary>()
    expect(summary.total).toBe(1)
    expect(summary.yours).not.toBeNull()
    expect(summary.counts[ratingKey(summary.yours!)]).toBe(1)
  })

  it('takes the body as text/plain, so the widget needs no preflight', async () => {
    const res = await call(
      'POST',
      '/api/v1/responses',
      JSON.stringify({
        opd: 'diskominfo',
        article: 'teks-biasa',
        rating: 2,
        reader: crypto.randomUUID(),
      }),
      { origin: ORIGIN, contentType: 'text/plain;charset=UTF-8' },
    )
    expect(res.status).toBe(200)
    expect((await res.json<Summary>()).counts.cukup_puas).toBe(1)
  })

  it('keeps an article’s first OPD and title', async () => {
    const article = 'https://kuduskab.go.id/berita/opd-pertama'
    await answer(ORIGIN, { article, rating: 4, title: 'Judul Pertama' })
    const later = await answer(ORIGIN, { opd: 'bappeda', article, title: 'Judul Lain' })
    expect((await later.json<Summary>()).opd).toBe('diskominfo')
    await settle()
    const row = await env.DB.prepare('SELECT opd, title FROM articles WHERE key = ?')
      .bind(article)
      .first()
    expect(row).toEqual({ opd: 'diskominfo', title: 'Judul Pertama' })
  })
})

describe('a long page title', () => {
  it('is cut to 300 characters, never splitting an emoji, and the answer counts', async () => {
    const article = 'https://diskominfo.kuduskab.go.id/berita/judul-panjang'
    // 299 letters, then emoji (two UTF-16 units each): the 300th character is the first emoji.
    const long = 'J'.repeat(299) + '🎉'.repeat(100)
    const res = await answer(ORIGIN, { article, rating: 3, title: long })
    expect(res.status).toBe(200)
    expect((await res.json<Summary>()).total).toBe(1)
    await settle()
    const row = await env.DB.prepare('SELECT title FROM articles WHERE key = ?')
      .bind(article)
      .first<{ title: string }>()
    expect(row!.title).toBe('J'.repeat(299) + '🎉')
    expect([...row!.title]).toHaveLength(300)
  })
})

describe('the article key', () => {
  it('takes a URL of a registered origin of the site, and an opaque data-article id', async () => {
    for (const article of [
      'https://kuduskab.go.id/berita/1?page=2',
      'berita-2026/0042',
      'kudus:pengumuman.17',
    ]) {
      const res = await answer(ORIGIN, { article, rating: 4 })
      expect(res.status, article).toBe(200)
    }
  })

  it('refuses a URL whose origin the site has not registered, and stores nothing for it', async () => {
    const article = 'https://berita-palsu.example/kudus/1'
    const res = await answer(ORIGIN, { article, rating: 1 })
    expect(await errorOf(res)).toMatchObject({ status: 422, code: 'article_not_registered' })
    expect(
      await env.DB.prepare('SELECT 1 FROM articles WHERE key = ?').bind(article).first(),
    ).toBeNull()
  })
})
