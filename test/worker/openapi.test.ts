import { beforeAll, describe, expect, it } from 'vitest'
import { openApiDocument } from '../../worker/api/document'
import { createApp } from '../../worker/app'
import { answer, BASE, call, comment, errorOf, postJson, seedSite } from './client'
import { answerSchema, successStatus } from './documented'
import { get, seedArticle, send, tokenFor } from './stats-fixtures'

// Real answers of the Worker hold to the schemas its operations declare, from which the
// OpenAPI document is generated (each schema strict: a field the document does not name
// fails), with the status declared.

const SITE = 'grobogan'
const ORIGIN = 'https://grobogan.go.id'
const ARTICLE = `${ORIGIN}/berita/pasar-rakyat`
const doc = openApiDocument(createApp())

type Documented = { responses: Record<string, { description: string }> }

async function holds(res: Response, method: string, template: string) {
  const text = await res.text()
  expect(res.status, `${method} ${template}: ${text}`).toBe(successStatus(method, template))
  if (res.status === 204) return
  const parsed = answerSchema(method, template).safeParse(JSON.parse(text))
  expect(parsed.error?.issues ?? [], `${method} ${template}`).toEqual([])
}

let admin: string

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  admin = (await tokenFor('admin')).token
  await seedArticle(SITE, 'dinkes', `${ORIGIN}/berita/vaksin`, 'Vaksin', {
    '2025-05-01': [12, 1, 1, 2, 200],
  })
  const reader = crypto.randomUUID()
  expect((await answer(ORIGIN, { article: ARTICLE, reader, rating: 2 })).status).toBe(200)
  expect((await comment(ORIGIN, { article: ARTICLE, reader })).status).toBe(204)
})

describe('answers match the document', () => {
  it('the widget’s endpoints', async () => {
    const reader = crypto.randomUUID()
    await holds(await answer(ORIGIN, { article: ARTICLE, reader }), 'post', '/api/v1/responses')
    const q = new URLSearchParams({ article: ARTICLE, reader })
    await holds(
      await call('GET', `/api/v1/summary?${q}`, null, { origin: ORIGIN }),
      'get',
      '/api/v1/summary',
    )
    await holds(
      await postJson(
        '/api/v1/views',
        { opd: 'diskominfo', article: ARTICLE, reader },
        { origin: ORIGIN },
      ),
      'post',
      '/api/v1/views',
    )
    await holds(
      await postJson('/api/v1/widget-errors', { code: 'api', opd: 'dinkes' }, { origin: ORIGIN }),
      'post',
      '/api/v1/widget-errors',
    )
  })

  it('the statistics', async () => {
    const stats = '/api/v1/stats'
    await holds(await get(`${stats}/scope`, admin), 'get', `${stats}/scope`)
    for (const what of ['sites', 'opds', 'articles', 'comments', 'health']) {
      await holds(await get(`${stats}/${what}?site=${SITE}`, admin), 'get', `${stats}/${what}`)
    }
    await holds(
      await get(`${stats}/opds?site=${SITE}&period=2025-05`, admin),
      'get',
      `${stats}/opds`,
    )
    await holds(
      await get(`${stats}/timeseries?site=${SITE}&from=2025-04-30&to=2025-05-02`, admin),
      'get',
      `${stats}/timeseries`,
    )
    await holds(await get(`${stats}/regions`, admin), 'get', `${stats}/regions`)
    await holds(await get(`${stats}/regions?province=33`, admin), 'get', `${stats}/regions`)
  })

  it('management and publications', async () => {
    const sites = '/api/v1/admin/sites'
    const created = await send('POST', sites, admin, {
      id: 'grobogan-dua',
      name: 'Kabupaten Grobogan',
      origins: ['https://dua.grobogan.go.id'],
      region: '33.15',
    })
    await holds(created, 'post', sites)
    await holds(await get(sites, admin), 'get', sites)
    await holds(await get(`${sites}/${SITE}`, admin), 'get', `${sites}/{site}`)
    await holds(
      await send('PATCH', `${sites}/grobogan-dua`, admin, { name: 'Pemkab Grobogan' }),
      'patch',
      `${sites}/{site}`,
    )
    await holds(
      await send('PUT', `${sites}/${SITE}/opds/dinkes`, admin, { name: 'Dinas Kesehatan' }),
      'put',
      `${sites}/{site}/opds/{opd}`,
    )
    await holds(
      await send('PATCH', `${sites}/${SITE}/opds/dinkes`, admin, { category: 'rumah-sakit' }),
      'patch',
      `${sites}/{site}/opds/{opd}`,
    )
    await holds(await call('GET', '/api/v1/categories'), 'get', '/api/v1/categories')
    await holds(
      await get(`/api/v1/stats/opds?region=33&category=rumah-sakit&sort=lowest`, admin),
      'get',
      '/api/v1/stats/opds',
    )
    await holds(
      await get(`${sites}/${SITE}/opds/dinkes/embed`, admin),
      'get',
      `${sites}/{site}/opds/{opd}/embed`,
    )
    await holds(
      await send('PATCH', `${sites}/${SITE}/articles`, admin, {
        article: `${ORIGIN}/berita/vaksin`,
        title: 'Vaksin gratis',
      }),
      'patch',
      `${sites}/{site}/articles`,
    )
    const token = await send('POST', '/api/v1/admin/tokens', admin, {
      role: 'opd',
      site: SITE,
      opd: 'dinkes',
      label: 'Dinkes',
    })
    await holds(token, 'post', '/api/v1/admin/tokens')
    await holds(await get('/api/v1/admin/tokens', admin), 'get', '/api/v1/admin/tokens')
    await holds(
      await get(`/api/v1/admin/flagged?site=${SITE}`, admin),
      'get',
      '/api/v1/admin/flagged',
    )
    await holds(
      await send('POST', '/api/v1/admin/flagged/exclude', admin, { site: SITE, article: ARTICLE }),
      'post',
      '/api/v1/admin/flagged/exclude',
    )
    const published = await send('POST', '/api/v1/admin/publications', admin, {
      site: SITE,
      period: '2025-05',
    })
    const { id } = (await published.clone().json()) as { id: string }
    await holds(published, 'post', '/api/v1/admin/publications')
    await holds(
      await call('GET', `/api/v1/public/publications?site=${SITE}`),
      'get',
      '/api/v1/public/publications',
    )
    await holds(
      await call('GET', `/api/v1/public/publications/${id}`),
      'get',
      '/api/v1/public/publications/{id}',
    )
  })

  it('errors, in the Error shape with a code the document lists for that operation', async () => {
    const res = await answer('https://grobogan.go.id.evil.example', { article: ARTICLE })
    const body = await res.clone().json()
    const { status, code } = await errorOf(res)
    expect(answerSchema('post', '/api/v1/responses', status).safeParse(body).success).toBe(true)
    const op = (doc.paths['/api/v1/responses'] as Record<string, Documented>).post
    const listed = op.responses[String(status)]
    expect(listed.description).toContain(`\`${code}\``)
  })
})

describe('GET /api/v1/openapi.json and /api/docs', () => {
  it('serves the document to any origin', async () => {
    const res = await call('GET', '/api/v1/openapi.json', null, {
      origin: 'https://editor.example',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)))
  })

  it('renders every operation as a page with no script, nothing from another host and a strict CSP', async () => {
    const res = await call('GET', '/api/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    const csp = res.headers.get('Content-Security-Policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'none'")
    expect(csp).toContain("style-src 'self'")
    const page = await res.text()
    expect(page).not.toMatch(/<script/i)
    const links = [...page.matchAll(/(?:href|src)="([^"]*)"/g)].map(([, url]) => url)
    expect(links.filter((url) => !/^(#|\/|data:)/.test(url))).toEqual([])
    for (const path of Object.keys(doc.paths)) expect(page).toContain(`<code>${path}</code>`)
    for (const code of ['origin_not_allowed', 'unauthorized', 'too_many_opds'])
      expect(page).toContain(code)
    const css = await call('GET', new URL(links.find((u) => u.endsWith('.css'))!, BASE).pathname)
    expect(css.status).toBe(200)
    expect(css.headers.get('Content-Type')).toMatch(/^text\/css/)
  })
})
