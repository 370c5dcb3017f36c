import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { answer, seedSite } from './client'
import { get, tokenFor } from './stats-fixtures'

// Responses posted through the public API under a mocked clock, a millisecond either side
// of midnight in Jakarta (17:00 UTC): the date filters must put them on different days.
const SITE = 'jakarta'
const ORIGIN = 'https://jakarta-day.go.id'
const ARTICLE = 'https://jakarta-day.go.id/berita/tengah-malam'
let token: string

async function answerAt(iso: string, rating: number) {
  vi.setSystemTime(new Date(iso))
  const res = await answer(ORIGIN, { opd: 'dukcapil', article: ARTICLE, rating })
  expect(res.status).toBe(200)
}

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  token = (await tokenFor('kominfo')).token
  vi.useFakeTimers({ toFake: ['Date'] })
  await answerAt('2026-11-21T16:59:59.999Z', 4) // 23:59:59.999 on 21 Nov in Jakarta
  await answerAt('2026-11-21T17:00:00.000Z', 1) // 00:00 on 22 Nov in Jakarta
  await answerAt('2026-11-21T00:30:00.000Z', 3) // 07:30 on 21 Nov in Jakarta, still 21 Nov
  vi.useRealTimers()
})
afterEach(() => void vi.useRealTimers())

const counts = async (path: string) => {
  const body = await (await get(path, token)).json<{ rows: { counts: object; day?: string }[] }>()
  return body.rows
}

describe('date filters in Asia/Jakarta days', () => {
  it('counts 23:59:59.999 in Jakarta on that day and midnight on the next', async () => {
    const on21 = await counts(`/api/v1/stats/opds?site=${SITE}&from=2026-11-21&to=2026-11-21`)
    expect(on21[0].counts).toEqual({ sangat_puas: 1, puas: 1, cukup_puas: 0, tidak_puas: 0 })
    const on22 = await counts(`/api/v1/stats/opds?site=${SITE}&from=2026-11-22&to=2026-11-22`)
    expect(on22[0].counts).toEqual({ sangat_puas: 0, puas: 0, cukup_puas: 0, tidak_puas: 1 })
  })

  it('includes both ends of the range', async () => {
    const both = await counts(`/api/v1/stats/articles?site=${SITE}&from=2026-11-21&to=2026-11-22`)
    expect(both[0].counts).toEqual({ sangat_puas: 1, puas: 1, cukup_puas: 0, tidak_puas: 1 })
    const before = await counts(`/api/v1/stats/articles?site=${SITE}&to=2026-11-20`)
    expect(before).toEqual([])
  })

  it('gives one timeseries row per Jakarta day', async () => {
    const rows = await counts(
      `/api/v1/stats/timeseries?site=${SITE}&article=${encodeURIComponent(ARTICLE)}`,
    )
    expect(rows.map((r) => [r.day, r.counts])).toEqual([
      ['2026-11-21', { sangat_puas: 1, puas: 1, cukup_puas: 0, tidak_puas: 0 }],
      ['2026-11-22', { sangat_puas: 0, puas: 0, cukup_puas: 0, tidak_puas: 1 }],
    ])
  })
})
