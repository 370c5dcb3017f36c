import { beforeAll, describe, expect, it } from 'vitest'
import { ANSWERS } from '../../worker/api/schemas'
import { get, seedArticle, tokenFor } from './stats-fixtures'

// Weekly and monthly series (docs/api.md «Weekly and monthly series»): ISO weeks Monday–Sunday
// and calendar months, each row its days' figures summed, the IKM computed from the sums.

const SITE = 'interval'
let token: string

beforeAll(async () => {
  token = (await tokenFor('admin')).token
  // [sangat_puas, puas, cukup_puas, tidak_puas, views] per day.
  await seedArticle(SITE, 'dinkes', 'https://interval.go.id/a', 'A', {
    '2026-11-29': [4, 0, 0, 0, 10], // Sunday of 2026-W48
    '2026-11-30': [0, 0, 0, 1, 5], // Monday of 2026-W49
    '2026-12-06': [0, 0, 0, 3, 5], // Sunday of 2026-W49
    '2026-12-07': [1, 1, 0, 0, 4], // Monday of 2026-W50
  })
})

const RANGE = 'from=2026-11-29&to=2026-12-08'

async function series(query: string) {
  const res = await get(`/api/v1/stats/timeseries?site=${SITE}&${RANGE}&${query}`, token)
  expect(res.status).toBe(200)
  const body = await res.json()
  expect(ANSWERS.SeriesRows.safeParse(body).error?.issues ?? []).toEqual([])
  return body as { interval: string; rows: Record<string, unknown>[] }
}

const brief = ({ counts, total, views, ikm }: Record<string, unknown>) => ({
  counts,
  total,
  views,
  ikm,
})

describe('GET /api/v1/stats/timeseries?interval=', () => {
  it('gathers ISO weeks, Monday to Sunday, the ends holding only the days asked', async () => {
    const { interval, rows } = await series('interval=week')
    expect(interval).toBe('week')
    expect(rows.map((r) => [r.week, r.from, r.to])).toEqual([
      ['2026-W48', '2026-11-29', '2026-11-29'],
      ['2026-W49', '2026-11-30', '2026-12-06'],
      ['2026-W50', '2026-12-07', '2026-12-08'],
    ])
    expect(rows.map(brief)).toEqual([
      {
        counts: { sangat_puas: 4, puas: 0, cukup_puas: 0, tidak_puas: 0 },
        total: 4,
        views: 10,
        ikm: 100,
      },
      {
        counts: { sangat_puas: 0, puas: 0, cukup_puas: 0, tidak_puas: 4 },
        total: 4,
        views: 10,
        ikm: 25,
      },
      {
        counts: { sangat_puas: 1, puas: 1, cukup_puas: 0, tidak_puas: 0 },
        total: 2,
        views: 4,
        ikm: 87.5,
      },
    ])
  })

  it('gathers months, the IKM computed from the summed answers, never averaged', async () => {
    const { rows } = await series('interval=month')
    // November: days at 100 and 25 average 62.5, but its five answers give 85.
    expect(rows.map((r) => [r.month, r.from, r.to, r.total, r.views, r.ikm])).toEqual([
      ['2026-11', '2026-11-29', '2026-11-30', 5, 15, 85],
      ['2026-12', '2026-12-01', '2026-12-08', 5, 9, 50],
    ])
    expect(rows[0].response_rate).toBe(0.3333)
  })

  it('stays one row per day by default', async () => {
    const { interval, rows } = await series('')
    expect(interval).toBe('day')
    expect(rows).toHaveLength(10)
    expect(rows[0]).toMatchObject({ day: '2026-11-29', total: 4 })
  })

  it('downloads the weeks as CSV under the interval’s own column', async () => {
    const res = await get(
      `/api/v1/stats/timeseries?site=${SITE}&${RANGE}&interval=week&format=csv`,
      token,
    )
    expect(res.headers.get('Content-Disposition')).toContain(
      'tanggapan-timeseries-week-interval-2026-11-29-2026-12-08.csv',
    )
    const lines = (await res.text()).split('\r\n')
    expect(lines[0]).toMatch(/^week,from,to,total,sangat_puas,puas,cukup_puas,tidak_puas,/)
    expect(lines[2]).toMatch(/^2026-W49,2026-11-30,2026-12-06,4,0,0,0,4,/)
  })

  it('refuses another interval with a 400 that lists them', async () => {
    const res = await get(`/api/v1/stats/timeseries?site=${SITE}&interval=year`, token)
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringContaining('day, week, month') },
    })
  })
})
