import type { Summary } from '../../worker/domain/figures/summary'
import { beforeAll, describe, expect, it } from 'vitest'
import { answer, call, errorOf, seedSite, summaryOf } from './client'

const SITE = 'demak'
const ORIGIN = 'https://demakkab.go.id'

beforeAll(() => seedSite(SITE, [ORIGIN]))

describe('GET /api/v1/summary', () => {
  it('gives zeros, not an error, for an article nobody has answered', async () => {
    const res = await summaryOf(SITE, 'https://demakkab.go.id/berita/belum-ada')
    expect(res.status).toBe(200)
    expect(await res.json<Summary>()).toEqual({
      site: SITE,
      opd: null,
      article: 'https://demakkab.go.id/berita/belum-ada',
      counts: { sangat_puas: 0, puas: 0, cukup_puas: 0, tidak_puas: 0 },
      percentages: { sangat_puas: 0, puas: 0, cukup_puas: 0, tidak_puas: 0 },
      total: 0,
      views: 0,
      ikm: null,
      grade: null,
      yours: null,
    })
  })

  it('tells a reader their own answer, and nobody else', async () => {
    const article = 'https://demakkab.go.id/berita/milik-saya'
    const me = crypto.randomUUID()
    await answer(ORIGIN, { opd: 'bappeda', article, rating: 2, reader: me })
    expect((await (await summaryOf(SITE, article, me)).json<Summary>()).yours).toBe(2)
    expect(
      (await (await summaryOf(SITE, article, crypto.randomUUID())).json<Summary>()).yours,
    ).toBeNull()
    expect((await (await summaryOf(SITE, article)).json<Summary>()).yours).toBeNull()
  })

  it('answers a registered origin with CORS, for that origin’s site', async () => {
    const res = await call('GET', `/api/v1/summary?article=${encodeURIComponent('x')}`, null, {
      origin: ORIGIN,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    expect((await res.json<Summary>()).site).toBe(SITE)
  })

  it('answers a preflight for a registered origin', async () => {
    const res = await call('OPTIONS', '/api/v1/responses', null, {
      origin: ORIGIN,
      headers: {
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST')
  })

  it('refuses an unregistered origin, even when it names a site', async () => {
    const res = await call('GET', `/api/v1/summary?site=${SITE}&article=x`, null, {
      origin: 'https://penipu.example',
    })
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
    expect(await errorOf(res)).toEqual({
      status: 403,
      code: 'origin_not_allowed',
      message: expect.stringContaining('penipu.example'),
    })
  })
})
