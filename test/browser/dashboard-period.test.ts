import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { axeViolations, screenshot } from './chromium'
import { baseUrl, dashboardSession, submitToken } from './dashboard-helpers'
import { adminFetch } from './local-api'

// The SKM period picker of the date-range control: a quarter chosen with the keyboard asks the
// API for `period=`, the figures become the API's for that period, and a day or a preset goes
// back to from/to. The page's clock is fixed, so the periods offered do not move with the date
// the suite runs on; the demo data is seeded as of the same day (global-setup.ts).

const TODAY = new Date('2026-12-02T05:00:00Z')
const session = dashboardSession()

/** A count as the dashboard writes it (id-ID). */
const shown = (n: number) => new Intl.NumberFormat('id-ID').format(n)

const statsOf = async (path: string) => (await adminFetch(path)).json()

/** A signed-in dashboard on one OPD's page, its clock on TODAY, with the API paths it asks. */
async function opdPage(hash: string) {
  const context = await session.browser.newContext({
    viewport: { width: 1280, height: 900 },
    bypassCSP: true, // only for axe's script tag
  })
  const page = await context.newPage()
  await page.clock.setFixedTime(TODAY)
  const asked: URL[] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.pathname.startsWith('/api/v1/stats/')) asked.push(url)
  })
  await page.goto(`${baseUrl()}/dashboard`)
  await submitToken(page, inject('adminToken'))
  await page.waitForSelector('.opd-link')
  await page.goto(`${baseUrl()}/dashboard${hash}`)
  await page.waitForSelector('[data-figure=total] dd')
  return { page, asked }
}

/** Moves the focused select with the arrow keys, as a keyboard user would, until it shows `value`. */
async function arrowTo(page: Page, value: string) {
  for (let i = 0; i < 40; i++) {
    if ((await page.inputValue('select[name=period]')) === value) return
    await page.keyboard.press('ArrowDown')
  }
  throw new Error(`${value} is not offered`)
}

describe('the SKM period picker', () => {
  it('offers recent years, semesters, quarters and months, named in Indonesian', async () => {
    const { page } = await opdPage('#/opd/demo/bappeda')
    const groups = await page.$$eval('select[name=period] optgroup', (gs) =>
      gs.map((g) => [
        g.getAttribute('label'),
        Array.from(g.querySelectorAll('option'), (o) => o.textContent),
      ]),
    )
    expect(groups.map(([label]) => label)).toEqual([
      'Tahun / Year',
      'Semester / Half-year',
      'Triwulan / Quarter',
      'Bulan / Month',
    ])
    const [years, semesters, quarters, months] = groups.map(([, options]) => options)
    expect(years).toEqual(['Tahun 2026', 'Tahun 2025', 'Tahun 2024'])
    expect(semesters?.slice(0, 2)).toEqual(['Semester II 2026', 'Semester I 2026'])
    expect(quarters?.slice(0, 3)).toEqual([
      'Triwulan IV 2026',
      'Triwulan III 2026',
      'Triwulan II 2026',
    ])
    expect(months?.slice(0, 2)).toEqual(['Desember 2026', 'November 2026'])
    await page.context().close()
  })

  it('chosen by keyboard, asks for period= and shows the API’s figures for the quarter', async () => {
    const { page, asked } = await opdPage('#/opd/demo/bappeda')
    const responses = page.locator('[data-figure=total] dd')
    // The last seven days first: a part of the quarter's answers, so the quarter must change them.
    await page.click('.presets button:has-text("7 hari")')
    const week = await statsOf(
      '/api/v1/stats/opds?site=demo&opd=bappeda&from=2026-11-26&to=2026-12-02',
    )
    await expect.poll(() => responses.textContent()).toBe(shown(week.rows[0]?.total ?? 0))

    // The picker sits between the date fields and the presets in the tab order.
    await page.focus('.presets button')
    await page.keyboard.press('Shift+Tab')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('period')
    asked.length = 0
    await arrowTo(page, '2026-Q4')

    // Each arrow press picks a period; the quarter's request is the last one sent.
    const askedFor = (period: string) =>
      asked.some(
        (u) => u.pathname === '/api/v1/stats/opds' && u.searchParams.get('period') === period,
      )
    await expect.poll(() => askedFor('2026-Q4')).toBe(true)
    const quarter = await statsOf('/api/v1/stats/opds?site=demo&opd=bappeda&period=2026-Q4')
    expect(quarter.period).toBe('2026-Q4')
    expect(quarter.rows[0].total).toBeGreaterThan(week.rows[0]?.total ?? 0)
    await expect.poll(() => responses.textContent()).toBe(shown(quarter.rows[0].total))
    const last = asked.filter((u) => u.pathname === '/api/v1/stats/opds').at(-1)!
    expect(last.searchParams.get('period')).toBe('2026-Q4')
    expect(last.searchParams.has('from') || last.searchParams.has('to')).toBe(false)
    // The chart, the articles and the comments follow the same period.
    for (const path of ['timeseries', 'articles', 'comments']) {
      const url = asked.filter((u) => u.pathname === `/api/v1/stats/${path}`).at(-1)
      expect(url?.searchParams.get('period'), path).toBe('2026-Q4')
    }
    // 92 days are too many columns to read: the chart asks for the quarter's weeks.
    const weeks = await statsOf(
      '/api/v1/stats/timeseries?site=demo&opd=bappeda&period=2026-Q4&interval=week',
    )
    expect(weeks.rows.length).toBe(14)
    await expect.poll(() => page.locator('.trend svg .day').count()).toBe(weeks.rows.length)
    expect(await page.getAttribute('figure.trend', 'data-interval')).toBe('week')

    // Which days the quarter covers, in the date fields and in words.
    expect(await page.inputValue('input[name=from]')).toBe('2026-10-01')
    expect(await page.inputValue('input[name=to]')).toBe('2026-12-31')
    const days = await page.textContent('.period-days')
    expect(days).toContain('Triwulan IV 2026: 1 Oktober 2026 – 31 Desember 2026 (92 hari')
    expect(days).toContain('masih berjalan')
    await screenshot(page, 'dashboard-period-quarter')
    expect(await axeViolations(page)).toEqual([])
    await page.context().close()
  })

  it('goes back to from/to when a day or a preset is picked', async () => {
    const { page } = await opdPage('#/opd/demo/bappeda')
    const responses = page.locator('[data-figure=total] dd')
    await page.selectOption('select[name=period]', '2026-10')
    const october = await statsOf('/api/v1/stats/opds?site=demo&opd=bappeda&period=2026-10')
    await expect.poll(() => responses.textContent()).toBe(shown(october.rows[0].total))

    // A day typed into a field keeps the other one and drops the period.
    const [request] = await Promise.all([
      page.waitForRequest((r) => new URL(r.url()).pathname === '/api/v1/stats/opds'),
      page.fill('input[name=from]', '2026-10-25'),
    ])
    const sent = new URL(request.url()).searchParams
    expect(Object.fromEntries(sent)).toEqual({
      site: 'demo',
      opd: 'bappeda',
      from: '2026-10-25',
      to: '2026-10-31',
    })
    const typed = await statsOf(`/api/v1/stats/opds?${sent}`)
    await expect.poll(() => responses.textContent()).toBe(shown(typed.rows[0].total))
    expect(await page.inputValue('select[name=period]')).toBe('')
    expect(await page.textContent('.period-days')).toBe('')

    await page.selectOption('select[name=period]', '2026-S2')
    await expect.poll(() => page.textContent('.period-days')).toContain('Semester II 2026')
    await page.click('.presets button:has-text("Semua")')
    expect(await page.inputValue('select[name=period]')).toBe('')
    const all = await statsOf('/api/v1/stats/opds?site=demo&opd=bappeda')
    await expect.poll(() => responses.textContent()).toBe(shown(all.rows[0].total))
    await page.context().close()
  })
})
