import { mkdirSync, writeFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeViolations, launchChromium, pageErrors, SCREENSHOT_DIR, screenshot } from './chromium'
import { adminFetch } from './local-api'

// The counter's A5 poster /skm/:site/:service/poster (docs/skm.md «Kode QR dan poster»):
// printed, it is one A5 sheet even for a service with the longest name allowed; on a 390 px
// phone, where an OPD's staff may open it first, nothing overflows.

const api = inject('baseUrl')
const SERVICES = '/api/v1/admin/sites/demo/opds/diskominfo/services'
const run = crypto.randomUUID().slice(0, 6)
const PPID = `ppid-${run}`
const LONGEST = `longest-${run}`
// 200 characters, the most a service's name may have.
const LONGEST_NAME = 'Pelayanan Permohonan Informasi Publik dan Keberatan <PPID> '
  .repeat(4)
  .slice(0, 200)

let browser: Awaited<ReturnType<typeof launchChromium>>
beforeAll(async () => {
  browser = await launchChromium()
  for (const [slug, name] of [
    [PPID, 'Permohonan Informasi Publik <PPID>'],
    [LONGEST, LONGEST_NAME],
  ]) {
    const res = await adminFetch(`${SERVICES}/${slug}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name }),
    })
    expect(res.status).toBe(200)
  }
})
afterAll(() => browser?.close())

/** The pages of a PDF: its /Type /Page objects, not the /Pages tree above them. */
const pageCount = (pdf: Buffer) =>
  pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0

describe('the A5 poster', () => {
  it('prints on exactly one A5 page, with the longest name too', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const errors = pageErrors(page)
    for (const slug of [PPID, LONGEST]) {
      const res = await page.goto(`${api}/skm/demo/${slug}/poster`)
      expect(res?.status()).toBe(200)
      await page.locator('img.qr').evaluate((img: HTMLImageElement) => img.decode())
      const pdf = await page.pdf({ format: 'A5' })
      mkdirSync(SCREENSHOT_DIR, { recursive: true })
      writeFileSync(`${SCREENSHOT_DIR}/skm-poster-${slug.split('-')[0]}.pdf`, pdf)
      expect(pageCount(pdf), slug).toBe(1)
      // A5 is 420 × 595 points; Chromium rounds it to whole hundredths of an inch.
      const box = /\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'))
      expect(Math.abs(Number(box?.[1]) - 420)).toBeLessThan(2)
      expect(Math.abs(Number(box?.[2]) - 595)).toBeLessThan(2)
    }
    expect(errors).toEqual([])
    await context.close()
  })

  it('fits a 390 px phone, shows the code and the address, and has no accessibility violation', async () => {
    // axe is injected as a script, which the poster's CSP rightly refuses.
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      bypassCSP: true,
    })
    const page = await context.newPage()
    const errors = pageErrors(page)
    await page.goto(`${api}/skm/demo/${PPID}/poster`)
    await expect(page.title()).resolves.toBe('Poster SKM — Permohonan Informasi Publik <PPID>')
    await page.locator('img.qr').evaluate((img: HTMLImageElement) => img.decode())
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Permohonan Informasi Publik <PPID>',
    )
    const address = `${new URL(api).host}/skm/demo/${PPID}`
    await expect(page.locator('.address').textContent()).resolves.toBe(address)
    const qr = await page.locator('img.qr').boundingBox()
    expect(qr?.width).toBeGreaterThan(200)
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true)
    await screenshot(page, 'skm-poster-phone')
    expect(await axeViolations(page)).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })
})
