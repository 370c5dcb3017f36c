import { strFromU8, unzipSync } from 'fflate'
import readXlsxFile from 'read-excel-file/universal'
import { beforeAll, describe, expect, it } from 'vitest'
import { errorOf } from './client'
import { get, seedArticle, send, tokenFor } from './stats-fixtures'

// Downloads for an office (docs/api.md «Downloads»): every statistics table as an XLSX
// workbook, read back with a spreadsheet library, and the office's CSV.

const ADMIN_SITES = '/api/v1/admin/sites'
const MARCH = '2026-03-10'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

// Two pemda of Jawa Timur and one of Jawa Tengah, each with a Dinas Kesehatan; a title that a
// spreadsheet would run as a formula.
const SITES = [
  { id: 'xl-tuban', region: '35.23', dinkes: [2, 3, 10, 25, 200] },
  { id: 'xl-jatim', region: '35', dinkes: [20, 20, 5, 5, 0] },
  { id: 'xl-kudus', region: '33.19', dinkes: [0, 0, 2, 40, 200] },
] as const
const FORMULA_TITLE = '=HYPERLINK("http://evil.example","klik")'

let kominfo: string

beforeAll(async () => {
  const admin = (await tokenFor('admin')).token
  kominfo = (await tokenFor('kominfo')).token
  for (const site of SITES) {
    const made = await send('POST', ADMIN_SITES, admin, {
      id: site.id,
      name: `Pemda ${site.id}`,
      origins: [`https://${site.id}.go.id`],
      region: site.region,
    })
    expect(made.status).toBe(201)
    const opd = await send('PUT', `${ADMIN_SITES}/${site.id}/opds/dinkes`, admin, {
      name: 'Dinas Kesehatan',
    })
    expect(opd.status).toBe(200)
    await seedArticle(site.id, 'dinkes', `https://${site.id}.go.id/berita/rs`, FORMULA_TITLE, {
      [MARCH]: [...site.dinkes],
    })
  }
})

async function workbook(res: Response) {
  expect(res.status).toBe(200)
  expect(res.headers.get('Content-Type')).toBe(XLSX)
  const bytes = await res.arrayBuffer()
  const sheets = await readXlsxFile(bytes)
  return { sheets, parts: unzipSync(new Uint8Array(bytes)) }
}

/** The style index of a cell in the sheet's XML, and the number format that style shows. */
function numberFormat(parts: Record<string, Uint8Array>, ref: string): number {
  const sheet = strFromU8(parts['xl/worksheets/sheet1.xml'])
  const style = Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)?.[1])
  const styles = strFromU8(parts['xl/styles.xml'])
  const xfs = /<cellXfs[^>]*>(.*)<\/cellXfs>/.exec(styles)![1].match(/<xf [^>]*>/g)!
  return Number(/numFmtId="(\d+)"/.exec(xfs[style])![1])
}

describe('format=xlsx', () => {
  it('gives the same OPD rows as JSON, with a title row, Indonesian headers and number cells', async () => {
    const query = '/api/v1/stats/opds?region=35&category=kesehatan&period=2026-S1&sort=lowest'
    const json = (await (await get(query, kominfo)).json()) as {
      rows: Record<string, unknown>[]
    }
    const res = await get(`${query}&format=xlsx`, kominfo)
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="tanggapan-opd-jawa-timur-kesehatan-2026-S1.xlsx"',
    )
    const { sheets, parts } = await workbook(res)
    expect(sheets.map((s) => s.sheet)).toEqual(['OPD'])
    const [title, header, ...rows] = sheets[0].data
    expect(title[0]).toBe(
      'Indeks per OPD — Wilayah: Jawa Timur (35), Kategori: Kesehatan — Semester I 2026 (2026-01-01 s.d. 2026-06-30)',
    )
    expect(header.slice(0, 10)).toEqual([
      'Situs',
      'OPD',
      'Nama',
      'Kategori',
      'Kode wilayah',
      'Wilayah',
      'Batas bawah peringkat',
      'Batas atas peringkat',
      'Jumlah tanggapan',
      'Sangat Puas',
    ])
    // Only Jawa Timur's two Dinas Kesehatan, the least satisfied first, as in JSON.
    expect(json.rows.map((r) => r.site)).toEqual(['xl-tuban', 'xl-jatim'])
    expect(rows).toHaveLength(2)
    const column = (name: string) => header.indexOf(name)
    for (const [i, row] of rows.entries()) {
      const api = json.rows[i] as {
        site: string
        opd: string
        name: string
        total: number
        ikm: number
        rank_low: number
        percentages: { sangat_puas: number }
        response_rate: number | null
        sample_adequate: boolean
        reasons: Record<string, number>
      }
      expect(row[column('Situs')]).toBe(api.site)
      expect(row[column('OPD')]).toBe(api.opd)
      expect(row[column('Nama')]).toBe(api.name)
      expect(row[column('Jumlah tanggapan')]).toBe(api.total)
      expect(row[column('IKM')]).toBe(api.ikm)
      expect(row[column('Batas bawah peringkat')]).toBe(api.rank_low)
      // A whole percentage is a fraction shown with a % format: 5 % is 0.05.
      expect(row[column('% Sangat Puas')]).toBeCloseTo(api.percentages.sangat_puas / 100, 10)
      expect(row[column('Tingkat tanggapan')]).toBe(api.response_rate)
      expect(row[column('Sampel memadai')]).toBe(api.sample_adequate)
      expect(row[column('Alasan: Lainnya')]).toBe(api.reasons.lainnya)
    }
    expect(typeof rows[0][column('IKM')]).toBe('number')
    // xl-jatim had no views: no response rate, an empty cell.
    expect(rows[1][column('Tingkat tanggapan')]).toBeNull()
    // Built-in formats: #,##0 for counts, 0.00 for the IKM, 0% and 0.00% for percentages.
    const letter = (name: string) => String.fromCharCode(65 + column(name))
    expect(numberFormat(parts, `${letter('Jumlah tanggapan')}3`)).toBe(3)
    expect(numberFormat(parts, `${letter('IKM')}3`)).toBe(2)
    expect(numberFormat(parts, `${letter('% Sangat Puas')}3`)).toBe(9)
    expect(numberFormat(parts, `${letter('Tingkat tanggapan')}3`)).toBe(10)
  })

  it('keeps a formula-like title as text, shown as typed', async () => {
    const res = await get('/api/v1/stats/articles?site=xl-tuban&format=xlsx', kominfo)
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="tanggapan-artikel-xl-tuban.xlsx"',
    )
    const { sheets, parts } = await workbook(res)
    expect(sheets[0].sheet).toBe('Artikel')
    expect(sheets[0].data[0][0]).toBe(
      'Indeks per artikel — Situs: xl-tuban — Periode: seluruh waktu',
    )
    const header = sheets[0].data[1]
    const cell = sheets[0].data[2][header.indexOf('Judul')]
    expect(cell).toBe(FORMULA_TITLE)
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml'])
    expect(sheet).not.toContain('<f>')
    // The title's cell has the quote-prefix style: Excel keeps it text even when edited.
    const ref = `${String.fromCharCode(65 + header.indexOf('Judul'))}3`
    const style = Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)![1])
    const styles = strFromU8(parts['xl/styles.xml'])
    const xfs = /<cellXfs[^>]*>(.*)<\/cellXfs>/.exec(styles)![1].match(/<xf [^>]*>/g)!
    expect(xfs[style]).toContain('quotePrefix="1"')
  })

  it('downloads every table that downloads as CSV', async () => {
    for (const [path, sheet] of [
      ['sites?region=35', 'Situs'],
      ['regions?province=35', 'Kabupaten-kota'],
      ['regions', 'Provinsi'],
      ['timeseries?site=xl-tuban&from=2026-03-09&to=2026-03-11', 'Harian'],
      ['timeseries?site=xl-tuban&period=2026-Q1&interval=month', 'Bulanan'],
      ['comments?site=xl-tuban', 'Komentar'],
      ['health?site=xl-tuban', 'Kesehatan widget'],
    ] as const) {
      const res = await get(
        `/api/v1/stats/${path}${path.includes('?') ? '&' : '?'}format=xlsx`,
        kominfo,
      )
      const { sheets } = await workbook(res)
      expect(sheets.map((s) => s.sheet)).toEqual([sheet])
      expect(sheets[0].data[1].every((h) => typeof h === 'string' && h !== '')).toBe(true)
    }
    const health = await workbook(
      await get('/api/v1/stats/health?site=xl-tuban&format=xlsx', kominfo),
    )
    expect(health.sheets[0].data[0][0]).toBe(
      'Kesehatan pemasangan — Situs: xl-tuban — 24 jam terakhir',
    )
    const days = await get(
      '/api/v1/stats/timeseries?site=xl-tuban&from=2026-03-09&to=2026-03-11&format=xlsx',
      kominfo,
    )
    expect(days.headers.get('Content-Disposition')).toBe(
      'attachment; filename="tanggapan-harian-xl-tuban-2026-03-09-2026-03-11.xlsx"',
    )
    const { sheets } = await workbook(days)
    expect(sheets[0].data.slice(2).map((r) => [r[0], r[1]])).toEqual([
      ['2026-03-09', 0],
      ['2026-03-10', 40],
      ['2026-03-11', 0],
    ])
  })

  it('writes a year of days, more than fits a small zip entry', async () => {
    const res = await get(
      '/api/v1/stats/timeseries?site=xl-tuban&from=2025-01-01&to=2026-12-31&format=xlsx',
      kominfo,
    )
    const { sheets } = await workbook(res)
    expect(sheets[0].data).toHaveLength(2 + 730)
  })

  it('refuses an unknown format in the contract’s error shape', async () => {
    const res = await get('/api/v1/stats/opds?format=pdf', kominfo)
    expect(await errorOf(res)).toEqual({
      status: 400,
      code: 'invalid_request',
      message: 'format must be json, csv or xlsx',
    })
    const hidden = await get('/api/v1/stats/comments?status=hidden&format=xlsx', kominfo)
    expect(hidden.status).toBe(400)
  })
})

describe('the office’s CSV', () => {
  it('has a byte order mark and Indonesian headers with headers=id, and a name with scope and period', async () => {
    const res = await get(
      '/api/v1/stats/opds?region=35&category=kesehatan&period=2026-S1&sort=lowest&format=csv&headers=id',
      kominfo,
    )
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="tanggapan-opd-jawa-timur-kesehatan-2026-S1.csv"',
    )
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = new TextDecoder().decode(bytes).split('\r\n')
    expect(lines[0].startsWith('Situs,OPD,Nama,Kategori,Kode wilayah,Wilayah,')).toBe(true)
    expect(lines[1].startsWith('xl-tuban,dinkes,Dinas Kesehatan,kesehatan,35.23,')).toBe(true)
  })

  it('separates with ; and writes decimal commas with separator=semicolon', async () => {
    const json = (await (await get('/api/v1/stats/sites?region=35', kominfo)).json()) as {
      rows: { site: string; ikm: number }[]
    }
    const res = await get(
      '/api/v1/stats/sites?region=35&format=csv&headers=id&separator=semicolon',
      kominfo,
    )
    const text = await res.text()
    const [header, ...rows] = text
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n')
    const cells = header.split(';')
    expect(cells.slice(0, 3)).toEqual(['Situs', 'Nama', 'Kode wilayah'])
    const ikm = cells.indexOf('IKM')
    for (const row of rows) {
      const values = row.split(';')
      const api = json.rows.find((r) => r.site === values[0])!
      expect(values[ikm]).toBe(String(api.ikm).replace('.', ','))
    }
    expect(rows.some((r) => r.split(';')[ikm].includes(','))).toBe(true)
  })

  it('leaves the machine CSV as it was: English keys, commas, no byte order mark', async () => {
    const res = await get('/api/v1/stats/sites?region=35&format=csv', kominfo)
    expect(res.headers.get('Content-Disposition')).toBe(
      'attachment; filename="tanggapan-sites.csv"',
    )
    const text = await res.text()
    expect(text.startsWith('site,name,region,region_name,province,total,')).toBe(true)
  })
})
