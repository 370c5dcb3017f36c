import { beforeAll, describe, expect, it } from 'vitest'
import { get, seedArticle, tokenFor } from './stats-fixtures'

const SITE = 'magelang'
let token: string

beforeAll(async () => {
  token = (await tokenFor('kominfo')).token
  await seedArticle(SITE, 'dinsos', 'https://magelangkab.go.id/berita/bansos', 'Bansos', {
    '2026-06-30': [1, 0, 0, 0, 5],
    '2026-07-01': [0, 2, 0, 0, 7],
    '2026-09-30': [0, 0, 3, 0, 9],
    '2026-10-01': [0, 0, 0, 4, 11],
  })
})

const body = async (path: string) => {
  const res = await get(path, token)
  expect(res.status).toBe(200)
  return res.json<{ from: string; to: string; period?: string; rows: { total: number }[] }>()
}

describe('period= on the statistics endpoints', () => {
  it.each([
    ['2026-Q3', '2026-07-01', '2026-09-30', 5],
    ['2026-S2', '2026-07-01', '2026-12-31', 9],
    ['2026-S1', '2026-01-01', '2026-06-30', 1],
    ['2026-07', '2026-07-01', '2026-07-31', 2],
    ['2026', '2026-01-01', '2026-12-31', 10],
  ])('%s reads the days %s to %s', async (period, from, to, total) => {
    for (const what of ['sites', 'opds', 'articles']) {
      const byPeriod = await body(`/api/v1/stats/${what}?site=${SITE}&period=${period}`)
      expect(byPeriod).toMatchObject({ from, to, period })
      expect(byPeriod.rows[0].total).toBe(total)
      const byDays = await body(`/api/v1/stats/${what}?site=${SITE}&from=${from}&to=${to}`)
      expect(byPeriod.rows).toEqual(byDays.rows)
    }
  })

  it('fills every day of the period in a timeseries', async () => {
    const { rows } = await body(`/api/v1/stats/timeseries?site=${SITE}&period=2026-Q3`)
    expect(rows.length).toBe(92)
    expect(rows.reduce((n, r) => n + r.total, 0)).toBe(5)
  })

  it('takes CSV too', async () => {
    const res = await get(`/api/v1/stats/opds?site=${SITE}&period=2026-Q3&format=csv`, token)
    expect(res.status).toBe(200)
    // The OPD, its empty name and its category, then its total and the four counts.
    const line = (await res.text()).split('\r\n').find((l) => l.startsWith('magelang,dinsos,'))
    expect(line).toMatch(/^magelang,dinsos,,lainnya,(?:[^,]*,){4}5,0,2,3,0,/)
  })

  it.each([
    ['period=2026-Q3&from=2026-07-01', 'Give either period or from/to, not both'],
    ['period=2026-Q3&to=2026-09-30', 'Give either period or from/to, not both'],
    [
      'period=2026-Q5',
      'period must be a year (2026), semester (2026-S2), quarter (2026-Q3) or month (2026-11), from 2000 to 2100',
    ],
    ['period=2026-13', undefined],
    ['period=2026-s2', undefined],
    ['period=2101', undefined],
    ['period=', undefined],
  ])('%s is a 400 invalid_request', async (query, message) => {
    const res = await get(`/api/v1/stats/opds?site=${SITE}&${query}`, token)
    expect(res.status).toBe(400)
    const { error } = await res.json<{ error: { code: string; message: string } }>()
    expect(error.code).toBe('invalid_request')
    if (message !== undefined) expect(error.message).toBe(message)
  })
})
