import { beforeAll, describe, expect, it } from 'vitest'
import { answer, errorOf, newArticle, summaryOf, unchanged } from './client'
import { expectRefusals, send, tokenFor } from './stats-fixtures'

// A pemda registers `https://*.kuduskab.go.id` once for all its OPD subdomains (docs/contract.md §10;
// docs/dashboard.md «Wildcard origins»), and nothing that only looks like one of them gets in.

const WILDCARD = 'https://*.kuduskab.go.id'
const RSUD = 'https://rsud.kuduskab.go.id'
let admin: string

beforeAll(async () => {
  admin = (await tokenFor('admin')).token
  const kudus = await send('POST', '/api/v1/admin/sites', admin, {
    id: 'kudus',
    name: 'Kabupaten Kudus',
    origins: ['https://kuduskab.go.id', WILDCARD],
  })
  expect(kudus.status).toBe(201)
  expect(await kudus.json()).toMatchObject({ origins: [WILDCARD, 'https://kuduskab.go.id'] })
  // The hospital runs its own site on a subdomain: registered exactly, it stays its own.
  const rsud = await send('POST', '/api/v1/admin/sites', admin, {
    id: 'rsud-kudus',
    name: 'RSUD Kudus',
    origins: [RSUD],
  })
  expect(rsud.status).toBe(201)
})

/** The site an answer from `origin` was counted for. */
async function siteOfAnswer(origin: string, article = newArticle(origin)) {
  const res = await answer(origin, { article })
  expect(res.status, await res.clone().text()).toBe(200)
  expect(res.headers.get('Access-Control-Allow-Origin')).toBe(origin)
  return ((await res.json()) as { site: string }).site
}

describe('a wildcard origin', () => {
  it('lets every OPD subdomain embed the widget, at any depth', async () => {
    expect(await siteOfAnswer('https://dinkes.kuduskab.go.id')).toBe('kudus')
    expect(await siteOfAnswer('https://disdikpora.kuduskab.go.id')).toBe('kudus')
    expect(await siteOfAnswer('https://ppid.dinkes.kuduskab.go.id')).toBe('kudus')
    expect(await siteOfAnswer('https://kuduskab.go.id')).toBe('kudus')
  })

  it('takes article URLs of any subdomain as the site’s own', async () => {
    const article = newArticle('https://bappeda.kuduskab.go.id')
    expect(await siteOfAnswer('https://dinkes.kuduskab.go.id', article)).toBe('kudus')
    const summary = await (await summaryOf('kudus', article)).json()
    expect(summary).toMatchObject({ site: 'kudus', total: 1 })
  })

  it('never covers an origin another site registered exactly', async () => {
    expect(await siteOfAnswer(RSUD)).toBe('rsud-kudus')
    const res = await answer('https://dinkes.kuduskab.go.id', { article: newArticle(RSUD) })
    expect(await errorOf(res)).toMatchObject({ status: 422, code: 'article_not_registered' })
  })

  it('refuses look-alikes, http for https and other ports, changing nothing', async () => {
    await unchanged(async () => {
      for (const origin of [
        'https://kuduskab.go.id.evil.example',
        'https://dinkes.kuduskab.go.id.evil.example',
        'https://evilkuduskab.go.id',
        'https://dinkes.evilkuduskab.go.id',
        'http://dinkes.kuduskab.go.id',
        'http://kuduskab.go.id',
        'https://dinkes.kuduskab.go.id:8443',
      ]) {
        const res = await answer(origin)
        expect(res.headers.get('Access-Control-Allow-Origin'), origin).toBe(null)
        expect(await errorOf(res), origin).toMatchObject({
          status: 403,
          code: 'origin_not_allowed',
        })
      }
    })
  })
})

describe('registering wildcards', () => {
  it('refuses malformed and too broad ones with 400, changing nothing', async () => {
    const site = (origins: string[]) => ({ id: 'demak', name: 'Demak', origins })
    await expectRefusals(admin, [
      ['POST', '/api/v1/admin/sites', site(['https://*.go.id']), 400, 'invalid_request'],
      ['POST', '/api/v1/admin/sites', site(['https://*.co.id']), 400, 'invalid_request'],
      ['POST', '/api/v1/admin/sites', site(['*.*.x']), 400, 'invalid_request'],
      ['POST', '/api/v1/admin/sites', site(['https://a.*.b']), 400, 'invalid_request'],
      [
        'POST',
        '/api/v1/admin/sites',
        site(['https://*.demakkab.go.id:443']),
        400,
        'invalid_request',
      ],
      [
        'PATCH',
        '/api/v1/admin/sites/kudus',
        { origins: ['https://*.go.id'] },
        400,
        'invalid_request',
      ],
      [
        'PATCH',
        '/api/v1/admin/sites/kudus',
        { origins: ['https://*kuduskab.go.id'] },
        400,
        'invalid_request',
      ],
    ])
    const res = await send('POST', '/api/v1/admin/sites', admin, site(['https://*.go.id']))
    expect((await errorOf(res)).message).toBe(
      'origins.0: https://*.go.id is too broad: a wildcard needs a domain of at least three labels, like https://*.kuduskab.go.id',
    )
  })

  it('gives one wildcard to one site (409 origin_taken)', async () => {
    await expectRefusals(admin, [
      [
        'POST',
        '/api/v1/admin/sites',
        { id: 'kudus-dua', name: 'Kudus lagi', origins: [WILDCARD] },
        409,
        'origin_taken',
      ],
    ])
  })
})
