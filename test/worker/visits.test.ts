import type { Summary } from '../../worker/domain/figures/summary'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  answer,
  call,
  comment,
  countersAndResponses,
  errorOf,
  postJson,
  seedSite,
  settle,
  summaryOf,
} from './client'
import { env } from 'cloudflare:workers'
import { tokenFor } from './stats-fixtures'

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

describe('POST /api/v1/visits with replies and reasons', () => {
  /** A reader who answered Tidak Puas and commented; the comment's id. */
  async function commented(article: string, text: string) {
    const reader = crypto.randomUUID()
    expect((await answer(ORIGIN, { ...PAGE, article, reader, rating: 1 })).status).toBe(200)
    expect((await comment(ORIGIN, { ...PAGE, article, reader, text })).status).toBe(204)
    const row = await env.DB.prepare('SELECT id FROM comments WHERE reader = ?')
      .bind(reader)
      .first<{ id: number }>()
    return { reader, id: row!.id }
  }

  it('answers the article’s count of public replies to every reader, and each reader’s reasons', async () => {
    const article = `${ORIGIN}/berita/balasan-${crypto.randomUUID().slice(0, 8)}`
    const { token } = await tokenFor('admin')
    const reply = (id: number, body: unknown) =>
      call('PATCH', `/api/v1/admin/comments/${id}`, JSON.stringify(body), {
        headers: { Authorization: `Bearer ${token}` },
      })
    const first = await commented(article, 'Jadwal tidak ada')
    const second = await commented(article, 'Alamat salah')
    const third = await commented(article, 'Tidak tampil')
    // Before any reply: none to count, and a reader without reasons has none.
    expect(await (await visit({ article, reader: first.reader })).json()).toMatchObject({
      replies: 0,
      reasons: [],
    })
    expect((await reply(first.id, { reply: 'Jadwal sudah kami tambahkan' })).status).toBe(200)
    expect((await reply(second.id, { reply: 'Alamat sudah diperbaiki' })).status).toBe(200)
    // A hidden comment's reply is not public, so not counted.
    expect((await reply(third.id, { reply: 'Tidak tampil', hidden: true })).status).toBe(200)
    const given = await postJson(
      '/api/v1/reasons',
      { ...PAGE, article, reader: first.reader, reasons: ['terlambat', 'tidak_akurat'] },
      { origin: ORIGIN },
    )
    expect(given.status).toBe(204)

    // The reader who gave reasons gets them back, in display order; a fresh reader none.
    const returning = await visit({ article, reader: first.reader })
    expect(returning.status).toBe(200)
    expect(await returning.json()).toMatchObject({
      article,
      yours: 1,
      replies: 2,
      reasons: ['tidak_akurat', 'terlambat'],
    })
    const fresh = await (await visit({ article })).json()
    expect(fresh).toMatchObject({ yours: null, replies: 2, reasons: [] })
    // Another reader's reasons stay theirs.
    expect(await (await visit({ article, reader: second.reader })).json()).toMatchObject({
      replies: 2,
      reasons: [],
    })
    // The same count as GET /replies lists.
    const listed = await call(
      'GET',
      `/api/v1/replies?article=${encodeURIComponent(article)}`,
      null,
      {
        origin: ORIGIN,
      },
    )
    expect((await listed.json<{ replies: unknown[] }>()).replies).toHaveLength(2)
  })

  it('still refuses bad input', async () => {
    const article = `${ORIGIN}/berita/balasan-buruk`
    for (const fields of [{ article, opd: 'Bad Slug!' }, { article: '' }, { article, title: 5 }]) {
      expect(await errorOf(await visit({ ...fields, reader: crypto.randomUUID() }))).toMatchObject({
        status: 400,
        code: 'invalid_request',
      })
    }
  })
})
