import type { Summary } from '../../worker/domain/figures/summary'
import { beforeAll, describe, expect, it } from 'vitest'
import { answer, call, errorOf, newArticle, seedSite, settle, view } from './client'

// A listing page (an index of news) shows a compact count under each of its articles with
// one request: GET /api/v1/summaries (docs/contract.md §10).

const SITE = 'kudus'
const ORIGIN = 'https://kuduskab.go.id'

beforeAll(() => seedSite(SITE, [ORIGIN]))

// Listing counts read D1, as of the objects' last flush.
async function summaries(articles: string[], site: string | null = SITE, origin?: string) {
  await settle()
  const q = new URLSearchParams()
  if (site) q.set('site', site)
  for (const a of articles) q.append('article', a)
  return call('GET', `/api/v1/summaries?${q}`, null, { origin })
}

describe('GET /api/v1/summaries', () => {
  it('gives each article asked for its counts, in the order asked, zeros for the unseen', async () => {
    const [a, b, unseen] = [newArticle(ORIGIN), newArticle(ORIGIN), newArticle(ORIGIN)]
    await answer(ORIGIN, { article: a, rating: 4 })
    await answer(ORIGIN, { article: a, rating: 3 })
    await answer(ORIGIN, { article: b, rating: 1 })
    await view(ORIGIN, { article: b })

    const res = await summaries([b, unseen, a])
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=60')
    const { rows } = await res.json<{ rows: Summary[] }>()
    expect(rows.map((r) => [r.article, r.total, r.views, r.ikm])).toEqual([
      [b, 1, 1, 25],
      [unseen, 0, 0, null],
      [a, 2, 0, 87.5],
    ])
    // Counts only: a listing page is the same for every reader, so no one's own answer.
    expect(rows.every((r) => r.yours === null)).toBe(true)
    expect(rows[2].counts).toEqual({ sangat_puas: 1, puas: 1, cukup_puas: 0, tidak_puas: 0 })
    expect(rows[2].opd).toBe('diskominfo')
  })

  it('answers 100 articles in one request, and refuses 101', async () => {
    const keys = Array.from({ length: 100 }, (_, i) => `berita-${i}`)
    await answer(ORIGIN, { article: keys[99], rating: 2 })
    const res = await summaries(keys)
    expect(res.status).toBe(200)
    const { rows } = await res.json<{ rows: Summary[] }>()
    expect(rows).toHaveLength(100)
    expect(rows[99].counts.cukup_puas).toBe(1)

    const tooMany = await summaries([...keys, 'berita-100'])
    expect(tooMany.status).toBe(400)
    expect((await errorOf(tooMany)).code).toBe('invalid_request')
  })

  it('answers a registered origin for its own site, with CORS', async () => {
    const res = await summaries(['x'], null, ORIGIN)
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    expect((await res.json<{ rows: Summary[] }>()).rows[0].site).toBe(SITE)
  })

  it('refuses no article, an empty key, an unknown site and no site at all', async () => {
    for (const [res, code] of [
      [await summaries([]), 'invalid_request'],
      [await summaries(['']), 'invalid_request'],
      [await summaries(['x'], 'tidak-ada'), 'unknown_site'],
      [await summaries(['x'], null), 'site_required'],
    ] as const) {
      expect((await errorOf(res)).code).toBe(code)
    }
  })
})
