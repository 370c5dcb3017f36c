import { mkdirSync, writeFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeViolations, launchChromium, pageErrors, screenshot, SCREENSHOT_DIR } from './chromium'
import type { StatFigures } from '../../worker/domain/figures/stat-figures'
import { adminFetch, apiFetch } from './local-api'

// The public report pages as people meet them: /laporan/:id printed to A4 PDF in Chromium with
// the publication's own figures on it, and /transparansi/:site on a phone, axe-clean, under
// its CSP. The browser tests' demo data answers from 1 September to 1 December 2026
// (global-setup.ts).

// The publication's JSON as the public API serves it (its figures are statistics rows).
type Row = StatFigures & { opd: string }
interface Publication {
  id: string
  site: string
  sha256: string
  figures: { total: Row; opds: Row[]; articles: Row[] }
}

const api = inject('baseUrl')

/** The demo site's publication of a period: published now, or the one a previous run made. */
async function publication(period: string, opd?: string): Promise<Publication> {
  const res = await adminFetch(`/api/v1/admin/publications`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ site: 'demo', opd, period }),
  })
  if (res.status === 201) return res.json() as Promise<Publication>
  expect(res.status).toBe(409)
  const list = (await (await apiFetch(`/api/v1/public/publications?site=demo`)).json()) as {
    rows: { id: string; opd: string | null; period: string }[]
  }
  const head = list.rows.find((r) => r.period === period && r.opd === (opd ?? null))!
  return (await apiFetch(`/api/v1/public/publications/${head.id}`)).json() as Promise<Publication>
}

const decimal = (x: number, digits: number) =>
  new Intl.NumberFormat('id-ID', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(x)

/** Records every CSP violation of the page. */
async function watchCsp(page: Page) {
  const violations: string[] = []
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v))
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { reportViolation(v: string): void }).reportViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    ),
  )
  return violations
}

let browser: Browser
let site: Publication
let opd: Publication

beforeAll(async () => {
  browser = await launchChromium()
  site = await publication('2026-11')
  opd = await publication('2026-10', 'rsud')
})
afterAll(() => browser?.close())

describe('GET /laporan/:id in Chromium', () => {
  it('shows the publication’s figures, prints to 1–3 A4 pages, and breaks no CSP rule', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1400 } })
    const page = await context.newPage()
    const errors = pageErrors(page)
    const violations = await watchCsp(page)
    await page.goto(`${api}/laporan/${site.id}`)

    const t = site.figures.total
    expect(t.total).toBeGreaterThan(0)
    const shown = Object.fromEntries(
      await page
        .locator('[data-figure]')
        .evaluateAll((els) => els.map((e) => [e.getAttribute('data-figure'), e.textContent])),
    )
    expect(shown).toMatchObject({
      ikm: decimal(t.ikm!, 2),
      ikm_low: decimal(t.ikm_low!, 2),
      ikm_high: decimal(t.ikm_high!, 2),
      grade: expect.stringMatching(new RegExp(`^${t.grade} \\(`)),
      total: decimal(t.total, 0),
      views: decimal(t.views, 0),
      response_rate: `${decimal(t.response_rate! * 100, 2)} %`,
      required_sample: decimal(t.required_sample!, 0),
      sample_adequate: t.sample_adequate ? 'Sampel memadai' : 'Sampel belum memadai',
      'counts.sangat_puas': decimal(t.counts.sangat_puas, 0),
      'counts.puas': decimal(t.counts.puas, 0),
      'counts.cukup_puas': decimal(t.counts.cukup_puas, 0),
      'counts.tidak_puas': decimal(t.counts.tidak_puas, 0),
      'percentages.sangat_puas': `${t.percentages.sangat_puas} %`,
      'percentages.tidak_puas': `${t.percentages.tidak_puas} %`,
      period: 'November 2026',
      sha256: site.sha256,
    })
    expect(await page.locator('tr[data-article]').count()).toBe(site.figures.articles.length)
    expect(await page.locator('tr[data-opd]').count()).toBe(site.figures.opds.length)
    await expect(
      page.getByRole('link', { name: /\/api\/v1\/public\/publications\// }).getAttribute('href'),
    ).resolves.toBe(`${api}/api/v1/public/publications/${site.id}`)
    await screenshot(page, 'laporan-screen')

    // The print layout at the width of an A4 page inside its margins (182 mm at 96 dpi).
    await page.emulateMedia({ media: 'print' })
    await page.setViewportSize({ width: 688, height: 1000 })
    await screenshot(page, 'laporan-print')
    const pdf = await page.pdf({ format: 'A4', printBackground: true })
    mkdirSync(SCREENSHOT_DIR, { recursive: true })
    writeFileSync(`${SCREENSHOT_DIR}/laporan.pdf`, pdf)
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0
    expect(pages).toBeGreaterThanOrEqual(1)
    expect(pages).toBeLessThanOrEqual(3)
    // A4 is 595 × 842 points; Chromium rounds it to whole hundredths of an inch (8.27 × 11.7).
    for (const box of pdf.toString('latin1').matchAll(/\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/g)) {
      expect(Math.abs(Number(box[1]) - 595)).toBeLessThan(2)
      expect(Math.abs(Number(box[2]) - 842)).toBeLessThan(2)
    }

    expect(violations).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('has an OPD’s own report with its name in the letterhead, and no accessibility violation', async () => {
    const context = await browser.newContext({ bypassCSP: true })
    const page = await context.newPage()
    await page.goto(`${api}/laporan/${opd.id}`)
    await expect(page.locator('.kop .opd').textContent()).resolves.toBe('RSUD dr. R. Soetijono')
    expect(await page.locator('[data-figure=ikm]').textContent()).toBe(
      decimal(opd.figures.total.ikm!, 2),
    )
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })
})

describe('GET /transparansi/:site in Chromium', () => {
  it('is readable on a 390 px phone, without sideways scrolling or CSP violations', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
    })
    const page = await context.newPage()
    const errors = pageErrors(page)
    const violations = await watchCsp(page)
    await page.goto(`${api}/transparansi/demo`)
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Pemerintah Kabupaten Contoh',
    )
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0)
    // Other test files publish November 2026 too: this publication's own report link.
    await page.locator(`a[href$="/laporan/${site.id}"]`).first().click()
    await page.waitForURL(`**/laporan/${site.id}`)
    await page.goBack()
    await screenshot(page, 'transparansi-390')
    expect(violations).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('has no accessibility violations (axe-core)', async () => {
    const context = await browser.newContext({ bypassCSP: true })
    const page = await context.newPage()
    await page.goto(`${api}/transparansi/demo`)
    expect(await axeViolations(page)).toEqual([])
    await context.close()
  })
})
