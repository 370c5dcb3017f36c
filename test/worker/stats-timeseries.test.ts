import { beforeAll, describe, expect, it } from 'vitest'
import { get, seedArticle, tokenFor } from './stats-fixtures'

const SITE = 'series'
let token: string
type Day = {
  day: string
  total: number
  views: number
  ikm: number | null
  counts: Record<string, number>
}

beforeAll(async () => {
  token = (await tokenFor('admin')).token
  await seedArticle(SITE, 'bpbd', 'https://series.go.id/banjir', 'Banjir', {
    '2026-06-01': [1, 1, 0, 0, 10],
    '2026-06-04': [0, 0, 2, 0, 6],
  })
  await seedArticle(SITE, 'bpbd', 'https://series.go.id/gempa', 'Gempa', {
    '2026-06-04': [2, 0, 0, 0, 4],
  })
  await seedArticle(SITE, 'dinkes', 'https://series.go.id/vaksin', 'Vaksin', {
    '2026-06-02': [0, 0, 0, 1, 3],
  })
})

const series = async (query: string) =>
  (
    await (
      await get(`/api/v1/stats/timeseries?site=${SITE}${query}`, token)
    ).json<{ rows: Day[] }>()
  ).rows

describe('GET /api/v1/stats/timeseries', () => {
  it('has a row for every day, days without answers as zeros', async () => {
    const rows = await series('&opd=bpbd')
    expect(rows.map((r) => [r.day, r.total, r.views, r.ikm])).toEqual([
      ['2026-06-01', 2, 10, 87.5],
      ['2026-06-02', 0, 0, null],
      ['2026-06-03', 0, 0, null],
      ['2026-06-04', 4, 10, 75],
    ])
  })

  it('spans exactly the asked range', async () => {
    const rows = await series('&from=2026-05-31&to=2026-06-02')
    expect(rows.map((r) => [r.day, r.total])).toEqual([
      ['2026-05-31', 0],
      ['2026-06-01', 2],
      ['2026-06-02', 1],
    ])
  })

  it('sums the OPDs of a site, and reads one article alone', async () => {
    expect((await series('')).map((r) => r.total)).toEqual([2, 1, 0, 4])
    const gempa = await series(`&article=${encodeURIComponent('https://series.go.id/gempa')}`)
    expect(gempa.map((r) => [r.day, r.counts.sangat_puas])).toEqual([['2026-06-04', 2]])
  })

  it('is empty where there is nothing', async () => {
    expect(await series('&opd=dinkes&from=2026-01-01&to=2026-01-01')).toEqual([
      expect.objectContaining({ day: '2026-01-01', total: 0 }),
    ])
    expect(await series('&opd=dinkes&to=2026-01-01')).toEqual([])
  })
})

describe('dates outside the calendar range', () => {
  it.each([
    ['from=9999-12-31&to=9999-12-31', 'from'],
    ['from=1999-12-31&to=2000-01-01', 'from'],
    ['from=2026-01-01&to=2101-01-01', 'to'],
    ['to=9999-12-31', 'to'],
  ])('%s is a 400 that names the range, at once', async (query, field) => {
    const res = await get(`/api/v1/stats/timeseries?site=${SITE}&${query}`, token)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: {
        code: 'invalid_request',
        message: `${field} must be a day from 2000-01-01 to 2100-12-31`,
      },
    })
  })

  it('takes the last day of the range', async () => {
    expect(await series('&from=2100-12-31&to=2100-12-31')).toEqual([
      expect.objectContaining({ day: '2100-12-31', total: 0 }),
    ])
  })
})
