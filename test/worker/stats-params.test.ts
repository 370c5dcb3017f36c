import { beforeAll, describe, expect, it } from 'vitest'
import { errorOf, unchanged } from './client'
import { get, seedArticle, tokenFor } from './stats-fixtures'

// Bad parameters: always a 4xx in the contract's error shape, never a 5xx, nothing changed.
let token: string
beforeAll(async () => {
  await seedArticle('params', 'dinsos', 'https://params.go.id/berita/a', 'A', {
    '2026-09-01': [1, 0, 0, 0, 3],
  })
  token = (await tokenFor('admin')).token
})

const BAD: [string, number, string][] = [
  ['/api/v1/stats/opds?from=2026-02-30', 400, 'invalid_request'],
  ['/api/v1/stats/opds?from=2026-13-01', 400, 'invalid_request'],
  ['/api/v1/stats/opds?to=2026-1-5', 400, 'invalid_request'],
  ['/api/v1/stats/opds?from=20261101', 400, 'invalid_request'],
  ['/api/v1/stats/opds?to=2026-11-01T00:00:00Z', 400, 'invalid_request'],
  ['/api/v1/stats/opds?from=2026-11-02&to=2026-11-01', 400, 'invalid_range'],
  ['/api/v1/stats/timeseries?from=2000-01-01&to=2026-01-01', 400, 'range_too_long'],
  ['/api/v1/stats/timeseries?from=1900-01-01&to=2026-01-01', 400, 'invalid_request'],
  ['/api/v1/stats/timeseries?from=2000-01-01', 400, 'range_too_long'],
  ['/api/v1/stats/opds?site=Not_A_Slug', 400, 'invalid_request'],
  ['/api/v1/stats/opds?opd=%3Cscript%3E', 400, 'invalid_request'],
  ['/api/v1/stats/opds?site=' + 'a'.repeat(65), 400, 'invalid_request'],
  ['/api/v1/stats/opds?format=pdf', 400, 'invalid_request'],
  ['/api/v1/stats/opds?format=csv&separator=tab', 400, 'invalid_request'],
  ['/api/v1/stats/opds?form=2026-11-01', 400, 'invalid_request'],
  ['/api/v1/stats/articles?sort=random', 400, 'invalid_request'],
  ['/api/v1/stats/articles?limit=0', 400, 'invalid_request'],
  ['/api/v1/stats/articles?limit=10001', 400, 'invalid_request'],
  ['/api/v1/stats/articles?limit=-5', 400, 'invalid_request'],
  ['/api/v1/stats/articles?limit=1e3', 400, 'invalid_request'],
  [
    '/api/v1/stats/timeseries?article=https%3A%2F%2Fparams.go.id%2Fberita%2Fa',
    400,
    'site_required',
  ],
  ['/api/v1/stats/timeseries?site=params&article=%0A', 400, 'invalid_request'],
  [
    '/api/v1/stats/timeseries?site=params&article=https%3A%2F%2Fparams.go.id%2Fnope',
    404,
    'unknown_article',
  ],
  [
    '/api/v1/stats/timeseries?site=params&opd=dinkes&article=https%3A%2F%2Fparams.go.id%2Fberita%2Fa',
    404,
    'unknown_opd',
  ],
  ['/api/v1/stats/opds?site=no-such-site', 404, 'unknown_site'],
  ['/api/v1/stats/articles?site=params&opd=no-such-opd', 404, 'unknown_opd'],
  ['/api/v1/stats/nothing-here', 404, 'not_found'],
]

describe('bad parameters', () => {
  it.each(BAD)('%s → %i %s', async (path, status, code) => {
    const res = await unchanged(() => get(path, token))
    expect(await errorOf(res)).toMatchObject({ status, code })
  })

  it('names the bad field in the message', async () => {
    const body = await (await get('/api/v1/stats/opds?from=2026-02-30', token)).json<{
      error: { message: string }
    }>()
    expect(body.error.message).toMatch(/^from/)
  })

  it('accepts a leap day and a one-day range', async () => {
    expect((await get('/api/v1/stats/opds?from=2028-02-29&to=2028-02-29', token)).status).toBe(200)
  })
})
