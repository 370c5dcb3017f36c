import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { errorOf } from './client'
import { get, seedArticle, tokenFor } from './stats-fixtures'

// Period over period (issue 15): every statistics row beside the same row of the range before.
// One site in Kota Semarang: forty «Tidak Puas» in 2026-Q3, forty «Sangat Puas» in 2026-Q4 for
// one OPD; one answer in Q4 only for another.
const SITE = 'pc-semarang'
const TURNED = `https://${SITE}.go.id/berita/1`
const NEW = `https://${SITE}.go.id/berita/2`
let token: string

beforeAll(async () => {
  await seedArticle(SITE, 'dinkes', TURNED, 'Vaksinasi', {
    '2026-09-10': [0, 0, 0, 40, 160],
    '2026-10-10': [40, 0, 0, 0, 160],
  })
  await seedArticle(SITE, 'dishub', NEW, 'Parkir', { '2026-10-11': [1, 0, 0, 0, 4] })
  await env.DB.prepare(`UPDATE sites SET region = '33.74' WHERE id = ?`).bind(SITE).run()
  token = (await tokenFor('kominfo')).token
})

type Row = Record<string, unknown>
const answer = async (path: string) => {
  const res = await get(path, token)
  expect(res.status, await res.clone().text()).toBe(200)
  return res.json<{ previous: unknown; rows: Row[] }>()
}
const change = (r: Row | undefined) =>
  r && { ikm: r.ikm, ikm_prev: r.ikm_prev, ikm_change: r.ikm_change, sig: r.change_significant }
const turned = { ikm: 100, ikm_prev: 25, ikm_change: 75, sig: true }
const fresh = { ikm: 100, ikm_prev: null, ikm_change: null, sig: false }
const Q3 = { from: '2026-07-01', to: '2026-09-30', period: '2026-Q3' }

describe('period over period', () => {
  it.each([
    ['period=2026-Q4', Q3],
    ['from=2026-10-01&to=2026-10-31', { from: '2026-08-31', to: '2026-09-30' }],
  ])('with %s, every row carries the previous IKM and the change', async (range, previous) => {
    const sites = await answer(`/api/v1/stats/sites?site=${SITE}&${range}`)
    expect(sites.previous).toEqual(previous)
    expect(change(sites.rows[0])).toEqual({ ...turned, ikm: 100 })

    const opds = await answer(`/api/v1/stats/opds?site=${SITE}&${range}`)
    expect(change(opds.rows.find((r) => r.opd === 'dinkes'))).toEqual(turned)
    expect(change(opds.rows.find((r) => r.opd === 'dishub'))).toEqual(fresh)

    const articles = await answer(`/api/v1/stats/articles?site=${SITE}&${range}`)
    expect(change(articles.rows.find((r) => r.article === TURNED))).toEqual(turned)
    expect(change(articles.rows.find((r) => r.article === NEW))).toEqual(fresh)

    const nation = await answer(`/api/v1/stats/regions?${range}`)
    expect(nation.previous).toEqual(previous)
    expect(change(nation.rows.find((r) => r.region === '33'))).toEqual(turned)
    expect(change(nation.rows.find((r) => r.region === '35'))).toEqual({
      ikm: null,
      ikm_prev: null,
      ikm_change: null,
      sig: false,
    })

    const province = await answer(`/api/v1/stats/regions?province=33&${range}`)
    expect(change(province.rows.find((r) => r.region === '33.74'))).toEqual(turned)
  })

  it('gives the previous IKM but no change when the period asked for has no answer', async () => {
    const rows = (await answer(`/api/v1/stats/opds?site=${SITE}&period=2027-Q1`)).rows
    expect(change(rows.find((r) => r.opd === 'dishub'))).toEqual({
      ikm: null,
      ikm_prev: 100,
      ikm_change: null,
      sig: false,
    })
  })

  it('compares nothing for an open range', async () => {
    const body = await answer(`/api/v1/stats/opds?site=${SITE}&from=2026-10-01`)
    expect(body.previous).toBeNull()
    expect(change(body.rows.find((r) => r.opd === 'dinkes'))).toMatchObject({
      ikm_prev: null,
      ikm_change: null,
      sig: false,
    })
  })

  it('adds the change columns to the CSV', async () => {
    for (const path of [
      `/api/v1/stats/opds?site=${SITE}&period=2026-Q4&format=csv`,
      `/api/v1/stats/regions?province=33&period=2026-Q4&format=csv`,
    ]) {
      const res = await get(path, token)
      expect(res.status).toBe(200)
      const lines = (await res.text()).trim().split(/\r?\n/)
      // The reasons' columns follow the change (docs/contract.md §9).
      expect(lines[0]).toMatch(/,sample_adequate,ikm_prev,ikm_change,change_significant,reason_/)
      expect(lines.find((l) => l.includes('dinkes') || l.startsWith('33.74,'))).toMatch(
        /,25,75,true(,0){6}$/,
      )
    }
  })

  it('ranks every kabupaten/kota of the nation with level=regency and no province', async () => {
    const body = await answer('/api/v1/stats/regions?level=regency&period=2026-Q4')
    expect(body.rows).toHaveLength(514)
    expect(body.rows.every((r) => String(r.region).includes('.'))).toBe(true)
    expect(change(body.rows.find((r) => r.region === '33.74'))).toEqual(turned)
  })

  it.each([
    ['period=2026-Q5', 'period must be'],
    ['period=2026-Q4&from=2026-10-01', 'Give either period or from/to, not both'],
    ['level=kabupaten&period=2026-Q4', 'level must be province or regency'],
  ])('refuses %s on /stats/regions, 400', async (query, message) => {
    const res = await get(`/api/v1/stats/regions?${query}`, token)
    expect(await errorOf(res)).toEqual({
      status: 400,
      code: 'invalid_request',
      message: expect.stringContaining(message),
    })
  })
})
