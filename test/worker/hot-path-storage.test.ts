import { listDurableObjectIds, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Summary } from '../../worker/domain/figures/summary'
import { articleObject } from '../../worker/hot-path/article'
import { answer, callInProcess, newArticle, seedSite } from './client'

// An article object stores something only once it has something to record (issue 26): asking
// about an article, or commenting on one nobody answered, must leave no object storage behind,
// or anyone could fill the namespace with objects that nothing ever deletes.

const SITE = 'rembang'
const ORIGIN = 'https://rembangkab.go.id'
const OPD = 'diskominfo'

beforeAll(() => seedSite(SITE, [ORIGIN]))

/**
 * The article objects of this file that hold anything: a table or an alarm. (Counting ids
 * alone is not enough: workerd makes a file for every object it starts, even one that
 * writes nothing.)
 */
async function storedObjects() {
  let stored = 0
  for (const id of await listDurableObjectIds(env.ARTICLES)) {
    const holds = await runInDurableObject(env.ARTICLES.get(id), async (_, state) => {
      const tables = state.storage.sql
        .exec("SELECT name FROM sqlite_master WHERE name NOT LIKE '\\_cf\\_%' ESCAPE '\\'")
        .toArray()
      return tables.length > 0 || (await state.storage.getAlarm()) !== null
    })
    if (holds) stored++
  }
  return stored
}

const summaryOf = (article: string, reader?: string) =>
  callInProcess(
    'GET',
    `/api/v1/summary?${new URLSearchParams({ article, ...(reader && { reader }) })}`,
    null,
    {
      origin: ORIGIN,
    },
  )

const send = (path: string, payload: unknown) =>
  callInProcess('POST', path, JSON.stringify(payload), { origin: ORIGIN })

/** The summary of an article nobody answered (docs/contract.md §5): zeros, no error. */
const ZEROS = {
  counts: { sangat_puas: 0, puas: 0, cukup_puas: 0, tidak_puas: 0 },
  total: 0,
  views: 0,
  ikm: null,
  yours: null,
}

/** A key of each kind nobody answered: an opaque id, a URL of the site, a URL of no site. */
function madeUpKeys(i: number) {
  return [
    `karangan-${i}-${crypto.randomUUID()}`,
    newArticle(ORIGIN),
    newArticle('https://x.example'),
  ]
}

describe('article objects and requests that record nothing', () => {
  it('hundreds of summaries, comments and reasons on unanswered articles store no object, an answer one', async () => {
    const before = await storedObjects()
    for (let i = 0; i < 35; i++) {
      for (const article of madeUpKeys(i)) {
        const summary = await summaryOf(article, crypto.randomUUID())
        expect(summary.status).toBe(200)
        expect(await summary.json<Summary>()).toMatchObject(ZEROS)
        const fields = { opd: OPD, article, reader: crypto.randomUUID() }
        const comment = await send('/api/v1/comments', { ...fields, text: 'Kurang lengkap' })
        expect(comment.status).toBe(422)
        const reasons = await send('/api/v1/reasons', { ...fields, reasons: ['terlambat'] })
        expect(reasons.status).toBe(422)
      }
    }
    expect(await storedObjects()).toBe(before)

    // The article a reader answers has its object, and the widget's requests work as before.
    const article = newArticle(ORIGIN)
    const reader = crypto.randomUUID()
    expect((await answer(ORIGIN, { opd: OPD, article, reader, rating: 2 })).status).toBe(200)
    expect(await storedObjects()).toBe(before + 1)
    const summary = await summaryOf(article, reader)
    expect(await summary.json<Summary>()).toMatchObject({ total: 1, yours: 2 })
    const fields = { opd: OPD, article, reader }
    expect((await send('/api/v1/comments', { ...fields, text: 'Kurang lengkap' })).status).toBe(204)
    expect((await send('/api/v1/reasons', { ...fields, reasons: ['terlambat'] })).status).toBe(204)
  })

  it('a key no reader could answer asks no object at all', async () => {
    const before = (await listDurableObjectIds(env.ARTICLES)).length
    // A URL of an origin no site registered, and a key the vote path refuses (spaces).
    for (const article of [newArticle('https://x.example'), `berita lama ${crypto.randomUUID()}`]) {
      expect(await (await summaryOf(article)).json<Summary>()).toMatchObject(ZEROS)
      const fields = { opd: OPD, article, reader: crypto.randomUUID() }
      expect((await send('/api/v1/comments', { ...fields, text: 'Kurang lengkap' })).status).toBe(
        422,
      )
      expect((await send('/api/v1/reasons', { ...fields, reasons: ['lainnya'] })).status).toBe(422)
    }
    expect((await listDurableObjectIds(env.ARTICLES)).length).toBe(before)
  })

  it('comments and reasons on an article nobody answered wake no object; right after its first answer they work', async () => {
    const before = (await listDurableObjectIds(env.ARTICLES)).length
    for (let i = 0; i < 20; i++) {
      for (const article of [`karangan-${i}-${crypto.randomUUID()}`, newArticle(ORIGIN)]) {
        const fields = { opd: OPD, article, reader: crypto.randomUUID() }
        expect((await send('/api/v1/comments', { ...fields, text: 'Kurang jelas' })).status).toBe(
          422,
        )
        expect((await send('/api/v1/reasons', { ...fields, reasons: ['terlambat'] })).status).toBe(
          422,
        )
      }
    }
    expect((await listDurableObjectIds(env.ARTICLES)).length).toBe(before)

    // A new article's first answer is in D1 when its vote returns: the comment at once finds it,
    // and a second reader's answer (waiting for the timer) is found through the object.
    const article = newArticle(ORIGIN)
    const first = { opd: OPD, article, reader: crypto.randomUUID() }
    expect((await answer(ORIGIN, { ...first, rating: 1 })).status).toBe(200)
    expect((await send('/api/v1/comments', { ...first, text: 'Tautan rusak' })).status).toBe(204)
    const second = { opd: OPD, article, reader: crypto.randomUUID() }
    expect((await answer(ORIGIN, { ...second, rating: 2 })).status).toBe(200)
    expect((await send('/api/v1/reasons', { ...second, reasons: ['lainnya'] })).status).toBe(204)
  })

  it('an object that held an article nobody answered keeps nothing once it forgets it', async () => {
    // Known to D1 (viewed on an earlier day), never answered: a summary seeds its object.
    const article = newArticle(ORIGIN)
    await env.DB.prepare(
      'INSERT INTO articles (site_id, opd, key, first_seen_at, views) VALUES (?, ?, ?, 1, 3)',
    )
      .bind(SITE, OPD, article)
      .run()
    const before = await storedObjects()
    const summary = await summaryOf(article)
    expect(await summary.json<Summary>()).toMatchObject({ total: 0, views: 3 })
    expect(await storedObjects()).toBe(before + 1)
    // Its alarm finds nothing to keep (tidy).
    expect(await runDurableObjectAlarm(articleObject(env, SITE, article))).toBe(true)
    expect(await storedObjects()).toBe(before)
  })
})
