import { beforeAll, describe, expect, it } from 'vitest'
import { get, seedArticle, tokenFor } from './stats-fixtures'

// CSV exports: RFC 4180, UTF-8, a header row, and nothing a spreadsheet would run.
const SITE = 'csv'
let token: string

const TITLES = [
  '=HYPERLINK("http://evil.example","klik")',
  '+62 811 Layanan',
  '-1 Pengumuman',
  '@SUM(A1:A9)',
  '\tTab di depan',
  'Koma, "kutip" dan «guillemet» — Lapor',
  'Baris\r\nbaru',
]

beforeAll(async () => {
  token = (await tokenFor('kominfo')).token
  for (const [i, title] of TITLES.entries()) {
    await seedArticle(SITE, 'diskominfo', `https://csv.go.id/berita/${i}`, title, {
      '2026-08-01': [i + 1, 0, 0, 0, 50],
    })
  }
})

/** A small RFC 4180 reader, to read back exactly what a spreadsheet would. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++
      else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') row.push(cell), (cell = '')
    else if (ch === '\r' && text[i + 1] === '\n')
      row.push(cell), rows.push(row), (row = []), (cell = ''), i++
    else cell += ch
  }
  return rows
}

describe('format=csv', () => {
  it('sends a UTF-8 CSV download with a header row and CRLF line ends', async () => {
    const res = await get(`/api/v1/stats/articles?site=${SITE}&sort=responses&format=csv`, token)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8; header=present')
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="tanggapan-articles-csv.csv"',
    )
    const text = await res.text()
    expect(text.endsWith('\r\n')).toBe(true)
    expect(
      text
        .replace(/"[^"]*"/g, '')
        .split('\n')
        .every((line, i, all) => i === all.length - 1 || line.endsWith('\r')),
    ).toBe(true)
    const rows = parseCsv(text)
    expect(rows[0].slice(0, 8)).toEqual([
      'site',
      'opd',
      'article',
      'title',
      'rank_low',
      'rank_high',
      'total',
      'sangat_puas',
    ])
    expect(rows).toHaveLength(1 + TITLES.length)
    expect(new Set(rows.map((r) => r.length)).size).toBe(1)
  })

  it('neutralises formulas and quotes what needs quoting', async () => {
    const rows = parseCsv(
      await (
        await get(`/api/v1/stats/articles?site=${SITE}&sort=responses&format=csv`, token)
      ).text(),
    )
    const title = rows[0].indexOf('title')
    // sort=responses: the last title (most responses) comes first.
    expect(rows.slice(1).map((r) => r[title])).toEqual([
      'Baris\r\nbaru',
      'Koma, "kutip" dan «guillemet» — Lapor',
      "'\tTab di depan",
      "'@SUM(A1:A9)",
      "'-1 Pengumuman",
      "'+62 811 Layanan",
      `'=HYPERLINK("http://evil.example","klik")`,
    ])
  })

  it('writes the raw cells exactly as RFC 4180 asks', async () => {
    const text = await (
      await get(`/api/v1/stats/articles?site=${SITE}&sort=responses&limit=2&format=csv`, token)
    ).text()
    expect(text).toContain(',"Koma, ""kutip"" dan «guillemet» — Lapor",')
    expect(text).toContain(',"Baris\r\nbaru",')
  })

  it('exports the figures of each endpoint with the same numbers as JSON', async () => {
    for (const endpoint of ['sites', 'opds', 'timeseries']) {
      const json = (
        await (
          await get(`/api/v1/stats/${endpoint}?site=${SITE}`, token)
        ).json<{ rows: Record<string, unknown>[] }>()
      ).rows
      const csv = parseCsv(
        await (await get(`/api/v1/stats/${endpoint}?site=${SITE}&format=csv`, token)).text(),
      )
      expect(csv).toHaveLength(json.length + 1)
      const col = (name: string) => csv[0].indexOf(name)
      expect(csv[1][col('total')]).toBe(String(json[0].total))
      expect(csv[1][col('ikm')]).toBe(String(json[0].ikm))
      expect(csv[1][col('sample_adequate')]).toBe(String(json[0].sample_adequate))
    }
  })
})
