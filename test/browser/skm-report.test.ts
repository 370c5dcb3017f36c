import { mkdirSync, writeFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { pageErrors, screenshot, SCREENSHOT_DIR } from './chromium'
import { baseUrl, dashboardSession } from './dashboard-helpers'
import { adminFetch } from './local-api'

// SKM publications from the poster to the printed report (docs/skm.md): an OPD reviews its
// service's ended month in the dashboard, types its rencana tindak lanjut (the weakest
// elements offered first) and the «Mengetahui» block, confirms, and the «Laporan Hasil Survei
// Kepuasan Masyarakat» prints to A4. The demo data (npm start) has SKM respondents up to
// yesterday at rsud's «Rawat Jalan», so the last month has ended.

const session = dashboardSession()
const WALK = 120_000
const HOSTILE = 'dr. Ani <script>alert(1)</script>'

/** How far the page scrolls sideways: 0 when everything fits the window. */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

type Skm = { weakest: string[]; ikm_skm: number; respondents: number }

async function live(query: string): Promise<Skm> {
  const res = await adminFetch(`/api/v1/stats/skm?site=demo&${query}`)
  return ((await res.json()) as { rows: Skm[] }).rows[0]
}

/** Reviews a unit's last ended month, types the plan and the signatory, and publishes it. */
async function publishByTyping(page: Page, unit: string, query: string) {
  await page.click('a[href="#/publikasi"]')
  await page.locator(`select[name=skm-unit] option[value="${unit}"]`).waitFor({ state: 'attached' })
  await page.selectOption('select[name=skm-unit]', unit)
  const period = await page.locator('select[name=skm-period]').inputValue()
  expect(period).toMatch(/^\d{4}-\d{2}$/)
  await page.click('form.skm-form button[type=submit]')
  const confirm = page.locator('form.skm-confirm')
  await confirm.waitFor()
  const figures = await live(`${query}&period=${period}`)
  expect(figures.respondents).toBeGreaterThan(0)
  // The elements are offered weakest first, and the first row starts at the weakest.
  const offered = await confirm
    .locator('select[name=rtl-element-0] option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))
  expect(offered).toEqual(figures.weakest)
  expect(await confirm.locator('select[name=rtl-element-0]').inputValue()).toBe(figures.weakest[0])
  await confirm
    .locator('input[name=rtl-programme-0]')
    .pressSequentially('Tambah loket pendaftaran pagi')
  await confirm.locator('input[name=rtl-time-0]').pressSequentially('Triwulan I')
  await confirm
    .locator('input[name=rtl-responsible-0]')
    .pressSequentially('Kepala Instalasi Rawat Jalan')
  await confirm.getByRole('button', { name: /Tambah baris/ }).click()
  expect(await confirm.locator('select[name=rtl-element-1]').inputValue()).toBe(figures.weakest[1])
  await confirm.locator('input[name=rtl-programme-1]').pressSequentially('Renovasi ruang tunggu')
  await confirm.locator('input[name=rtl-time-1]').pressSequentially('Juni')
  await confirm.locator('input[name=rtl-responsible-1]').pressSequentially('Kepala Bagian Umum')
  await confirm.locator('input[name=sign-name]').pressSequentially(HOSTILE)
  await confirm.locator('input[name=sign-position]').pressSequentially('Direktur RSUD')
  // A NIP short of 18 digits is refused before anything is sent.
  const nip = confirm.locator('input[name=sign-nip]')
  await nip.pressSequentially('19800101 200501')
  await confirm.getByRole('button', { name: /Terbitkan…/ }).click()
  expect(await nip.evaluate((e) => (e as HTMLInputElement).validity.patternMismatch)).toBe(true)
  expect(await page.locator('[role=status] a').count()).toBe(0)
  await nip.press('End')
  await nip.pressSequentially(' 1 001')
  await screenshot(page, `report-dashboard-confirm-${page.viewportSize()?.width}`)
  expect(await sideways(page)).toBeLessThanOrEqual(0)
  await confirm.getByRole('button', { name: /Terbitkan…/ }).click()
  // The dialog names what is frozen; only its «Terbitkan» publishes.
  const dialog = page.getByRole('dialog', { name: /^Terbitkan SKM/ })
  expect(await dialog.locator('.confirm-numbers').textContent()).toContain(
    `dibekukan: ${figures.respondents} responden`,
  )
  await dialog.getByRole('button', { name: /^Terbitkan/ }).click()
  const made = page.locator('[role=status] a[href^="/laporan/skm_"]')
  await made.waitFor()
  return { id: (await made.getAttribute('href'))!.slice('/laporan/'.length), period, figures }
}

let published: { id: string; figures: Skm }

describe('publishing the SKM from the dashboard', () => {
  it(
    'a service’s ended month at 1366 px, typed in',
    async () => {
      const { page, errors } = await session.signIn()
      await page.setViewportSize({ width: 1366, height: 900 })
      published = await publishByTyping(page, 'service:rawat-jalan', 'service=rawat-jalan')
      await screenshot(page, 'report-dashboard-1366')
      expect(errors).toEqual([])
      await page.context().close()
    },
    WALK,
  )

  it(
    'an OPD’s ended month on a 390 px phone, without sideways scrolling',
    async () => {
      const { page, errors } = await session.signIn()
      await page.setViewportSize({ width: 390, height: 844 })
      await publishByTyping(page, 'opd:rsud', 'opd=rsud&by=opd')
      await screenshot(page, 'report-dashboard-390')
      expect(await sideways(page)).toBeLessThanOrEqual(0)
      expect(errors).toEqual([])
      await page.context().close()
    },
    WALK,
  )
})

describe('the «Laporan Hasil Survei Kepuasan Masyarakat» in Chromium', () => {
  it('has the regulation’s sections, the signatory as text, and prints to A4', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1100, height: 1400 } })
    const page = await context.newPage()
    const errors = pageErrors(page)
    await page.goto(`${baseUrl()}/laporan/${published.id}`)
    const text = (await page.locator('body').textContent()) ?? ''
    for (const heading of [
      'Laporan Hasil Survei Kepuasan Masyarakat',
      'I. Pendahuluan',
      'II. Pengumpulan Data',
      'III. Hasil',
      'Lembar perhitungan',
      'IV. Analisis dan Rencana Tindak Lanjut',
      'Mengetahui,',
      'Lampiran: Kuesioner dan Jawaban per Unsur',
    ]) {
      expect(text).toContain(heading)
    }
    expect(text).toContain(HOSTILE)
    expect(text).toContain('NIP 19800101 200501 1 001')
    expect(await page.locator('script').count()).toBe(0)
    expect(await page.locator('[data-figure=ikm_skm]').textContent()).toBe(
      new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2 }).format(
        published.figures.ikm_skm,
      ),
    )
    expect(text).toContain('Renovasi ruang tunggu')
    await screenshot(page, 'report-laporan-screen')

    await page.emulateMedia({ media: 'print' })
    await page.setViewportSize({ width: 688, height: 1000 })
    await screenshot(page, 'report-laporan-print')
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    writeFileSync(`${SCREENSHOT_DIR}/report-laporan.pdf`, pdf)
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0
    // The report on about three sheets, the appendix starting on a page of its own.
    expect(pages).toBeGreaterThanOrEqual(3)
    expect(pages).toBeLessThanOrEqual(6)
    for (const box of pdf.toString('latin1').matchAll(/\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/g)) {
      expect(Math.abs(Number(box[1]) - 595)).toBeLessThan(2)
      expect(Math.abs(Number(box[2]) - 842)).toBeLessThan(2)
    }
    expect(errors).toEqual([])
    await context.close()
  })
})
