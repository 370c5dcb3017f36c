import { beforeAll, describe, expect, it } from 'vitest'
import { get, seedArticle, tokenFor } from './stats-fixtures'

const SITE = 'ranking'
let token: string
type Row = {
  article: string
  title: string
  total: number
  rank_low: number
  rank_high: number
  ikm: number | null
}

beforeAll(async () => {
  token = (await tokenFor('kominfo')).token
  // Two angry readers: IKM 25, but two answers say little.
  await seedArticle(SITE, 'dpupr', 'https://ranking.go.id/dua-marah', 'Dua pembaca marah', {
    '2026-07-01': [0, 0, 0, 2, 40],
  })
  // A hundred readers, evenly spread (mean 2.5): well attested and mediocre.
  await seedArticle(SITE, 'dpupr', 'https://ranking.go.id/seratus', 'Seratus pembaca', {
    '2026-07-01': [25, 25, 25, 25, 900],
  })
  // Forty happy readers.
  await seedArticle(SITE, 'dpupr', 'https://ranking.go.id/senang', 'Pembaca senang', {
    '2026-07-02': [36, 4, 0, 0, 300],
  })
  // Seen, never answered.
  await seedArticle(SITE, 'dpupr', 'https://ranking.go.id/sepi', 'Belum ada tanggapan', {
    '2026-07-02': [0, 0, 0, 0, 12],
  })
})

const rowsOf = async (query: string) =>
  await (await get(`/api/v1/stats/articles?site=${SITE}${query}`, token)).json<{
    rows: Row[]
    matched: number
  }>()

describe('GET /api/v1/stats/articles', () => {
  it('puts the well-attested low score first, not two angry readers', async () => {
    const { rows } = await rowsOf('')
    expect(rows.map((r) => r.title)).toEqual([
      'Seratus pembaca',
      'Dua pembaca marah',
      'Pembaca senang',
      'Belum ada tanggapan',
    ])
    // Hand-computed (one pseudo-answer per rating): (0,0,0,2) → m = 2, m₂ = 32/6,
    // √((32/6 − 4)/7) = 0.436436, 25 × (2 ± 1.96 · 0.436436) = 28.61 … 71.39.
    expect(rows[1]).toMatchObject({ ikm: 25, rank_low: 28.61, rank_high: 71.39 })
    // (25,25,25,25) → N = 104, m = 2.5, m₂ = 7.5, √(1.25/105) = 0.109109 → 57.15 … 67.85.
    expect(rows[0]).toMatchObject({ ikm: 62.5, rank_low: 57.15, rank_high: 67.85 })
  })

  it('lists the best first with sort=highest, and honours limit', async () => {
    const { rows, matched } = await rowsOf('&sort=highest&limit=2')
    expect(rows.map((r) => r.title)).toEqual(['Pembaca senang', 'Seratus pembaca'])
    expect(matched).toBe(4)
  })

  it('sorts by responses and by views', async () => {
    expect((await rowsOf('&sort=responses')).rows.map((r) => r.total)).toEqual([100, 40, 2, 0])
    expect((await rowsOf('&sort=views')).rows[0].title).toBe('Seratus pembaca')
  })

  it('leaves out articles with nothing in the date range', async () => {
    const { rows } = await rowsOf('&from=2026-07-02&to=2026-07-02')
    expect(rows.map((r) => r.title).sort()).toEqual(['Belum ada tanggapan', 'Pembaca senang'])
  })

  it('shows titles exactly as stored, markup and all (escaping is the reader’s job)', async () => {
    await seedArticle(SITE, 'xss', 'https://ranking.go.id/xss', '<img src=x onerror=alert(1)>', {
      '2026-07-03': [1, 0, 0, 0, 1],
    })
    const { rows } = await rowsOf('&opd=xss')
    expect(rows[0].title).toBe('<img src=x onerror=alert(1)>')
  })
})
