import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { axeViolations, pageErrors } from './chromium'
import { baseUrl, dashboardSession, submitToken } from './dashboard-helpers'
import { adminFetch } from './local-api'

// The workbench's SKM table (issue 31, docs/skm.md): the national page ranks services by the
// official index, the lowest first, with the figures GET /api/v1/stats/skm gives for the same
// query; a category narrows it to one kind of OPD across the nation; a column's head sorts by
// it. The page's clock is the demo's day (global-setup.ts), whose SKM has answers in the last
// three months: the default range (the last 30 days) holds the demo's two services.

const TODAY = new Date('2026-12-02T05:00:00Z')
const session = dashboardSession()

interface SkmRow {
  name: string
  opd_name: string | null
  respondents: number
  ikm_skm: number | null
  grade: string | null
}

/** An index as the dashboard writes it (id-ID: a decimal comma, two decimals). */
const two = (x: number) =>
  new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x)

const TABLE = 'section.skm-ranking'

/** The SKM table's rows as shown: service, OPD and index. */
const shownRows = (page: Page) =>
  page.$$eval(`${TABLE} tbody tr`, (trs) =>
    trs.map((tr) => ({
      name: tr.querySelector('.skm-service')?.textContent ?? '',
      opd: tr.querySelector('.skm-opd')?.textContent ?? '',
      ikm: tr.querySelector('.ikm strong')?.textContent ?? null,
    })),
  )

/** A signed-in dashboard, its clock on TODAY, at `width`, recording its SKM requests. */
async function nationalPage(width: number) {
  const context = await session.browser.newContext({
    viewport: { width, height: 900 },
    bypassCSP: true, // only for axe's script
  })
  context.setDefaultTimeout(45_000)
  const page = await context.newPage()
  const errors = pageErrors(page)
  await page.clock.setFixedTime(TODAY)
  const asked: URL[] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.pathname === '/api/v1/stats/skm') asked.push(url)
  })
  await page.goto(`${baseUrl()}/dashboard`)
  await submitToken(page, inject('adminToken'))
  await page.waitForSelector('.opd-link')
  await page.click('nav a[href="#/wilayah"]')
  await page.waitForSelector(`${TABLE} h2`)
  return { page, errors, asked }
}

/** The API's rows for the query the page last sent, the lowest index first, as the table ranks. */
async function apiRows(asked: URL[]): Promise<SkmRow[]> {
  const last = asked.at(-1)!
  const res = await adminFetch(`${last.pathname}${last.search}`)
  expect(res.status).toBe(200)
  const rows = ((await res.json()) as { rows: SkmRow[] }).rows
  return rows.filter((r) => r.respondents > 0).sort((a, b) => a.ikm_skm! - b.ikm_skm!)
}

describe('the workbench’s SKM ranking', () => {
  it('ranks the nation’s services by the official index, one category at a time, sorted by a column', async () => {
    const { page, errors, asked } = await nationalPage(1366)
    // Said plainly which index it is: the official one, not the widget's.
    expect(await page.textContent(`${TABLE} h2`)).toContain(
      'Indeks Kepuasan Masyarakat resmi (SKM, PermenPANRB 14/2017)',
    )
    await page.waitForSelector(`${TABLE} tbody tr`)
    const all = await apiRows(asked)
    const names = all.map((r) => r.name)
    expect(names).toEqual(
      expect.arrayContaining(['Permohonan Informasi Publik (PPID)', 'Rawat Jalan']),
    )
    await expect
      .poll(async () => (await shownRows(page)).map((r) => [r.name, r.ikm]))
      .toEqual(all.map((r) => [r.name, two(r.ikm_skm!)]))

    // Every hospital's services of the nation, and nothing else.
    await page.selectOption(`${TABLE} select[name=skm-category]`, 'rumah-sakit')
    await expect.poll(() => asked.at(-1)?.searchParams.get('category')).toBe('rumah-sakit')
    const hospitals = await apiRows(asked)
    expect(hospitals.map((r) => r.name)).toContain('Rawat Jalan')
    expect(hospitals.map((r) => r.name)).not.toContain('Permohonan Informasi Publik (PPID)')
    await expect
      .poll(() => shownRows(page))
      .toEqual(hospitals.map((r) => ({ name: r.name, opd: r.opd_name, ikm: two(r.ikm_skm!) })))
    const first = (await shownRows(page))[0]
    expect(first).toEqual({
      name: hospitals[0].name,
      opd: 'RSUD dr. R. Soetijono',
      ikm: two(hospitals[0].ikm_skm!),
    })

    // Back to every category; the index's head twice sorts the highest first.
    await page.selectOption(`${TABLE} select[name=skm-category]`, '')
    await expect.poll(async () => (await shownRows(page)).length).toBe(all.length)
    const indexHead = page.locator(`${TABLE} th button`, { hasText: 'IKM SKM' })
    await indexHead.click()
    await indexHead.click()
    // Compared by the figure, not the name: services of equal index keep their order either way.
    await expect
      .poll(async () => (await shownRows(page)).map((r) => r.ikm))
      .toEqual([...all].reverse().map((r) => two(r.ikm_skm!)))
    // The respondents' head sorts by them, fewest first (each service once, whatever its place).
    await page.locator(`${TABLE} th button`, { hasText: 'Responden' }).click()
    // Read from the column itself: two services may share a name and an OPD's name.
    const shownRespondents = () =>
      page.$$eval(`${TABLE} table`, ([table]) => {
        const at = Array.from(table.querySelectorAll('thead th')).findIndex((th) =>
          th.textContent?.startsWith('Responden'),
        )
        return Array.from(table.querySelectorAll('tbody tr')).map((tr) =>
          Number(tr.children[at]?.textContent?.replace(/\./g, '')),
        )
      })
    await expect.poll(shownRespondents).toEqual(all.map((r) => r.respondents).sort((a, b) => a - b))

    // A month: each index's change against the month before, named.
    await page.selectOption('select[name=period]', '2026-11')
    await expect.poll(() => asked.at(-1)?.searchParams.get('period')).toBe('2026-11')
    const november = await apiRows(asked)
    const lowest = november[0] as SkmRow & { ikm_skm_change: number | null }
    expect(lowest.ikm_skm_change).not.toBeNull()
    const change = lowest.ikm_skm_change!
    const expected =
      change === 0
        ? 'tetap'
        : `${change < 0 ? '▼' : '▲'} ${two(Math.abs(change))} dibanding Oktober 2026`
    // The table keeps the respondents' order chosen above: the row is found by its name.
    const row = page.locator(`${TABLE} tbody tr`, { hasText: lowest.name })
    await expect.poll(() => row.locator('.change').textContent()).toContain(expected)
    expect(await row.locator('.ikm strong').textContent()).toBe(two(lowest.ikm_skm!))

    expect(await axeViolations(page, [TABLE])).toEqual([])
    await page.locator(TABLE).screenshot({ path: '/tmp/skm-1366.png' })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('fits a phone: no sideways page scroll at 390 px, nothing axe finds', async () => {
    const { page, errors } = await nationalPage(390)
    await page.waitForSelector(`${TABLE} tbody tr`)
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true)
    expect(await axeViolations(page, [TABLE])).toEqual([])
    await page.locator(TABLE).screenshot({ path: '/tmp/skm-390.png' })
    await page.screenshot({ path: '/tmp/skm-390-page.png', fullPage: true })
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('says so when the period has no SKM survey', async () => {
    const { page } = await nationalPage(1366)
    await page.waitForSelector(`${TABLE} tbody tr`)
    // A year before the demo's survey began.
    await page.selectOption('select[name=period]', '2024')
    await expect
      .poll(() => page.textContent(TABLE))
      .toContain('Belum ada survei SKM pada periode ini')
    await page.context().close()
  })
})
