import { readFileSync } from 'node:fs'
import readXlsxFile from 'read-excel-file/node'
import { describe, expect, it } from 'vitest'
import { screenshot } from './chromium'
import { baseUrl, dashboardSession, submitToken } from './dashboard-helpers'
import { adminFetch } from './local-api'

const session = dashboardSession()

describe('the dashboard', () => {
  it('refuses a wrong token and keeps the sign-in form', async () => {
    const page = await session.browser.newPage()
    await page.goto(`${baseUrl()}/dashboard`)
    await submitToken(page, 'tgp_not-a-real-token')
    await expect
      .poll(() => page.textContent('.sign-in [role=alert]'))
      .toContain('Token tidak dikenal')
    await screenshot(page, 'dashboard-sign-in-refused')
    await page.close()
  })

  it('signs in and shows every OPD of the demo site with its grade, as the API computes it', async () => {
    const { page, errors } = await session.signIn()
    const api = await (await adminFetch('/api/v1/stats/opds')).json()
    const names = await page.$$eval('.opd-link', (links) => links.map((a) => a.textContent))
    expect(names).toEqual(
      expect.arrayContaining([
        'Dinas Komunikasi dan Informatika',
        'Badan Perencanaan Pembangunan Daerah',
        'RSUD dr. R. Soetijono',
      ]),
    )
    const diskominfo = api.rows.find((r: { opd: string }) => r.opd === 'diskominfo')
    const row = page.locator('tr', {
      has: page.locator('.opd-link', { hasText: 'Dinas Komunikasi' }),
    })
    await expect.poll(() => row.locator('.grade').textContent()).toBe(diskominfo.grade)
    expect(await row.locator('.ikm strong').textContent()).toBe(
      diskominfo.ikm.toFixed(2).replace('.', ','),
    )
    expect(await page.textContent('.note summary')).toContain('indeks kepuasan indikatif')
    expect(await page.locator('.flag').first().textContent()).toContain('sampel belum memadai')
    await screenshot(page, 'dashboard-overview')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('downloads the OPD table as a CSV with Indonesian headers', async () => {
    const { page } = await session.signIn()
    const section = page.locator('section', { has: page.locator('h2', { hasText: 'OPD' }) })
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.locator('button[data-export=csv]').click(),
    ])
    expect(download.suggestedFilename()).toBe('tanggapan-opd.csv')
    const text = readFileSync((await download.path())!, 'utf8')
    const lines = text.split('\r\n')
    // A byte order mark first, so that Excel reads the file as UTF-8.
    expect(lines[0]).toBe(
      '\ufeffSitus,OPD,Nama,Kategori,Kode wilayah,Wilayah,Batas bawah peringkat,Batas atas peringkat,Jumlah tanggapan,Sangat Puas,Puas,Cukup Puas,Tidak Puas,% Sangat Puas,% Puas,% Cukup Puas,% Tidak Puas,Tayangan,Tingkat tanggapan,IKM,Mutu,IKM batas bawah,IKM batas atas,Sampel minimum,Sampel memadai,IKM periode sebelumnya,Perubahan IKM,Perubahan bermakna,Alasan: Informasi kurang lengkap,Alasan: Informasi tidak akurat,Alasan: Sulit dipahami,Alasan: Informasi terlambat,Alasan: Tautan atau berkas rusak,Alasan: Lainnya',
    )
    expect(
      lines.find((l) => l.startsWith('demo,diskominfo,Dinas Komunikasi dan Informatika,')),
    ).toBeDefined()
    await page.context().close()
  })

  it('downloads the OPD table as an XLSX workbook holding the API’s rows, at 1366 px', async () => {
    const { page, errors } = await session.signIn()
    await page.setViewportSize({ width: 1366, height: 768 })
    const api = await (await adminFetch('/api/v1/stats/opds')).json()
    const section = page.locator('section', { has: page.locator('h2', { hasText: 'OPD' }) })
    const button = section.locator('button[data-export=xlsx]')
    expect(await button.textContent()).toContain('Unduh XLSX')
    await screenshot(page, 'dashboard-overview-exports')
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()])
    expect(download.suggestedFilename()).toBe('tanggapan-opd.xlsx')
    const sheets = await readXlsxFile((await download.path())!)
    expect(sheets.map((s) => s.sheet)).toEqual(['OPD'])
    const [title, header, ...rows] = sheets[0].data
    expect(title[0]).toBe('Indeks per OPD — Periode: seluruh waktu')
    const cell = (row: unknown[], name: string) => row[header.indexOf(name)]
    expect(rows.map((r) => [cell(r, 'Situs'), cell(r, 'OPD')])).toEqual(
      api.rows.map((r: { site: string; opd: string }) => [r.site, r.opd]),
    )
    const diskominfo = api.rows.find((r: { opd: string }) => r.opd === 'diskominfo')
    const row = rows.find((r) => cell(r, 'OPD') === 'diskominfo')!
    expect(cell(row, 'Nama')).toBe(diskominfo.name)
    expect(cell(row, 'Jumlah tanggapan')).toBe(diskominfo.total)
    expect(cell(row, 'Tidak Puas')).toBe(diskominfo.counts.tidak_puas)
    expect(cell(row, 'IKM')).toBe(diskominfo.ikm)
    expect(cell(row, 'Mutu')).toBe(diskominfo.grade)
    expect(cell(row, 'Tayangan')).toBe(diskominfo.views)
    expect(cell(row, '% Puas')).toBeCloseTo(diskominfo.percentages.puas / 100, 10)
    expect(cell(row, 'Sampel memadai')).toBe(diskominfo.sample_adequate)
    expect(errors).toEqual([])
    await page.context().close()
  })
})
