import { readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './chromium'
import { answer, baseUrl, dashboardSession, flushed } from './dashboard-helpers'
import { adminFetch } from './local-api'

const XSS_TITLE = '<img src=x onerror=alert(1)>'
const FORMULA_TITLE = '=HYPERLINK("http://evil.example","klik")'
const session = dashboardSession()

beforeAll(async () => {
  // Titles come from pages; one with markup and one a spreadsheet would run.
  await answer({
    opd: 'rsud',
    article: 'https://contohkab.go.id/berita/judul-berbahaya',
    title: XSS_TITLE,
    rating: 1,
  })
  await answer({
    opd: 'rsud',
    article: 'https://contohkab.go.id/berita/judul-rumus',
    title: FORMULA_TITLE,
    rating: 2,
  })
  await flushed([
    'https://contohkab.go.id/berita/judul-berbahaya',
    'https://contohkab.go.id/berita/judul-rumus',
  ])
})

const statsOf = async (path: string) => (await adminFetch(path)).json()

describe('an OPD page', () => {
  it('opens from the overview with its articles, stacked answers and a daily chart', async () => {
    const { page, errors } = await session.signIn()
    await page.click('.opd-link:has-text("Dinas Komunikasi")')
    await page.waitForSelector('.article-title')
    expect(page.url()).toMatch(/#\/opd\/demo\/diskominfo$/)
    expect(await page.textContent('.opd-title')).toContain('Dinas Komunikasi dan Informatika')
    const titles = await page.$$eval('.article-title', (els) => els.map((e) => e.textContent))
    expect(titles).toEqual(
      expect.arrayContaining(['Diskominfo Pasang Wi-Fi Gratis di 50 Taman Kota']),
    )
    // Every article row has its four-answer bar, and the chart has columns for the days.
    expect(await page.locator('tbody svg.stack').count()).toBe(titles.length)
    expect(await page.locator('.trend svg .day').count()).toBeGreaterThan(7)
    expect(await page.locator('.trend .ikm-line').count()).toBeGreaterThan(0)
    expect(await page.locator('.trend .ikm-dot').count()).toBeGreaterThan(7)
    await screenshot(page, 'dashboard-opd')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('follows the date range: figures, chart and table narrow to the chosen days', async () => {
    const { page } = await session.signIn()
    await page.goto(`${baseUrl()}/dashboard#/opd/demo/bappeda`)
    // The chart may be drawn again while the page settles (a count read at once saw 0):
    // wait for the whole default range before narrowing it.
    await expect.poll(() => page.locator('.trend svg .day').count()).toBeGreaterThan(7)
    await page.fill('input[name=from]', '2026-11-10')
    await page.fill('input[name=to]', '2026-11-16')
    await expect.poll(() => page.locator('.trend svg .day').count()).toBe(7)
    const api = await statsOf(
      '/api/v1/stats/opds?site=demo&opd=bappeda&from=2026-11-10&to=2026-11-16',
    )
    const responses = page.locator('[data-figure=total] dd')
    await expect.poll(() => responses.textContent()).toBe(String(api.rows[0].total))
    await screenshot(page, 'dashboard-opd-range')

    // A range that ends before it starts is refused in place; the tables keep the last good one.
    await page.fill('input[name=from]', '2026-11-20')
    expect(await page.textContent('.range [role=alert]')).toContain('Tanggal awal')
    expect(await page.locator('.trend svg .day').count()).toBe(7)
    await page.context().close()
  })

  it('shows a title with markup as text and runs nothing', async () => {
    const { page, errors } = await session.signIn()
    const dialogs: string[] = []
    page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()))
    await page.goto(`${baseUrl()}/dashboard#/opd/demo/rsud`)
    const cell = page.locator('.article-title', { hasText: 'onerror' })
    await cell.waitFor()
    expect(await cell.textContent()).toBe(XSS_TITLE)
    expect(await page.locator('img').count()).toBe(0)
    await page.waitForTimeout(300)
    expect(dialogs).toEqual([])
    await screenshot(page, 'dashboard-opd-escaped-title')
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('downloads the article list as a CSV with formulas neutralised', async () => {
    const { page } = await session.signIn()
    await page.goto(`${baseUrl()}/dashboard#/opd/demo/rsud`)
    await page.waitForSelector('.article-title')
    const section = page.locator('section', { has: page.locator('h3', { hasText: 'Berita' }) })
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.locator('button[data-export=csv]').click(),
    ])
    expect(download.suggestedFilename()).toBe('tanggapan-artikel-demo-rsud.csv')
    const text = readFileSync((await download.path())!, 'utf8')
    expect(
      text.startsWith(
        '\ufeffSitus,OPD,Artikel,Judul,Batas bawah peringkat,Batas atas peringkat,Jumlah tanggapan,',
      ),
    ).toBe(true)
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""klik"")",`)
    expect(text).toContain(`,${XSS_TITLE},`)
    expect(text).toContain('RSUD Terapkan Antrean Online untuk Poli Rawat Jalan')
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      section.locator('button[data-export=json]').click(),
    ])
    expect(JSON.parse(readFileSync((await json.path())!, 'utf8')).rows.length).toBeGreaterThan(2)
    await page.context().close()
  })
})
