import { beforeAll, describe, expect, it } from 'vitest'
import { answer, call, comment, errorOf, newArticle, postJson, unchanged, view } from './client'
import { send, tokenFor } from './stats-fixtures'

// An origin's lookup binds the origin and each wildcard that could cover it, one a label of
// its host; D1 takes at most 100 parameters in a statement. An Origin deeper than any page
// (here under a registered wildcard that would cover it) is refused before any lookup, with
// the 403 of any origin no site has, and changes nothing.

const WILDCARD = 'https://*.grobogan.go.id'
const deep = (labels: number, label = 'a') =>
  `https://${Array.from({ length: labels - 3 }, () => label).join('.')}.grobogan.go.id`
/** 110 labels in 233 characters: a name DNS allows, deeper than any page. */
const DEEP = deep(110)
/** 300 labels: longer than a DNS name may be. */
const DEEPER = deep(300)

let admin: string
beforeAll(async () => {
  admin = (await tokenFor('admin')).token
  const res = await send('POST', '/api/v1/admin/sites', admin, {
    id: 'grobogan',
    name: 'Kabupaten Grobogan',
    origins: ['https://grobogan.go.id', WILDCARD],
  })
  expect(res.status).toBe(201)
})

/** Every public endpoint that resolves the request's Origin, asked from `origin`. */
function everyPublicEndpoint(origin: string): [string, () => Promise<Response>][] {
  const article = newArticle('https://grobogan.go.id')
  const q = new URLSearchParams({ site: 'grobogan', article })
  const reader = crypto.randomUUID()
  return [
    ['POST /responses', () => answer(origin, { article, reader })],
    ['POST /views', () => view(origin, { article, reader })],
    ['POST /comments', () => comment(origin, { article, reader })],
    [
      'POST /reasons',
      () =>
        postJson(
          '/api/v1/reasons',
          { opd: 'dinkes', article, reader, reasons: ['tidak_jelas'] },
          { origin },
        ),
    ],
    [
      'POST /widget-errors',
      () => postJson('/api/v1/widget-errors', { code: 'timeout', page: article }, { origin }),
    ],
    ['GET /summary', () => call('GET', `/api/v1/summary?${q}`, null, { origin })],
    ['GET /summaries', () => call('GET', `/api/v1/summaries?${q}`, null, { origin })],
    ['GET /replies', () => call('GET', `/api/v1/replies?${q}&reader=${reader}`, null, { origin })],
    ['OPTIONS /responses', () => call('OPTIONS', '/api/v1/responses', null, { origin })],
  ]
}

describe('an Origin deeper than any page', () => {
  it.each([
    ['of 110 labels', DEEP],
    ['longer than a DNS name', DEEPER],
  ])(
    '%s gets 403 origin_not_allowed on every public endpoint, changing nothing',
    async (_, origin) => {
      for (const [endpoint, ask] of everyPublicEndpoint(origin)) {
        const res = await unchanged(ask)
        expect({ endpoint, ...(await errorOf(res)) }).toMatchObject({
          endpoint,
          status: 403,
          code: 'origin_not_allowed',
        })
      }
    },
  )

  it('names no article: one under such a host is not the site’s (422), changing nothing', async () => {
    const res = await unchanged(() =>
      answer('https://grobogan.go.id', { article: `${DEEP}/berita/1` }),
    )
    expect(await errorOf(res)).toMatchObject({ status: 422, code: 'article_not_registered' })
  })

  it('cannot be registered, while a few labels deep under the wildcard is the site’s', async () => {
    const few = await answer(deep(8))
    expect(few.status, await few.clone().text()).toBe(200)
    expect(await few.json()).toMatchObject({ site: 'grobogan' })
    const res = await unchanged(() =>
      send('POST', '/api/v1/admin/sites', admin, {
        id: 'dalam',
        name: 'Terlalu dalam',
        origins: [DEEP],
      }),
    )
    expect(await errorOf(res)).toMatchObject({ status: 400 })
  })
})
