import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { axeViolations, pageErrors, screenshot } from './chromium'
import { baseUrl, dashboardSession, earlierAnswersFlushed, submitToken } from './dashboard-helpers'
import { adminFetch, apiFetch } from './local-api'

// The analyst's workbench (issue 28, points 1–3): OPDs ranked across a region's sites with a
// category filter and their change against the named previous period, trends at a readable
// interval, and tables sorted and filtered by a click. The page's clock is fixed, so the periods
// offered do not move with the day the suite runs on; the demo data is seeded as of the same day
// (global-setup.ts).

const TODAY = new Date('2026-12-02T05:00:00Z')
const session = dashboardSession()

// The pages and the API are compared at different moments: nothing may reach D1 in between.
beforeAll(earlierAnswersFlushed, 20_000)

interface OpdRow {
  site: string
  opd: string
  name: string | null
  ikm: number | null
  ikm_change: number | null
  change_significant: boolean
}

const api = async (path: string, token = inject('adminToken')) => {
  const res = await apiFetch(path, { headers: { Authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

/** A figure as the dashboard writes it (id-ID: a decimal comma). */
const two = (x: number) => x.toFixed(2).replace('.', ',')

/** A signed-in dashboard at `width`, its clock on TODAY, with the statistics paths it asks. */
async function dashboard(token: string, width: number) {
  const context = await session.browser.newContext({ viewport: { width, height: 900 } })
  context.setDefaultTimeout(45_000)
  const page = await context.newPage()
  await page.clock.setFixedTime(TODAY)
  const errors = pageErrors(page)
  const asked: URL[] = []
  page.on('request', (r) => {
    const url = new URL(r.url())
    if (url.pathname.startsWith('/api/v1/stats/')) asked.push(url)
  })
  await page.goto(`${baseUrl()}/dashboard`)
  await submitToken(page, token)
  await page.waitForSelector('.opd-link')
  return { page, errors, asked }
}

/**
 * How far the OPD ranking reaches past the window's right edge: its table scrolls inside its
 * card, its select stays narrower than a phone. (The whole page's width at 390 px is the
 * header's and app.css's, issue 28 point 4, tested with them.)
 */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const box = document.querySelector('.opd-ranking')!.getBoundingClientRect()
    const select = document.querySelector('.opd-ranking select')!.getBoundingClientRect()
    return Math.max(box.right, select.right) - window.innerWidth
  })

let jatim: string
beforeAll(async () => {
  const res = await adminFetch('/api/v1/admin/tokens', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ role: 'provinsi', region: '35', label: 'Diskominfo Jawa Timur' }),
  })
  jatim = (await res.json()).token
})

describe('the OPD ranking across a region’s sites', () => {
  for (const width of [1366, 390]) {
    it(`at ${width} px: the worst Dinas Kesehatan of Jawa Timur and its change, in two clicks`, async () => {
      const { page, errors } = await dashboard(jatim, width)
      // The provinsi token lands on its province; the OPD ranking is on that page.
      await page.waitForSelector('.opd-ranking select[name=category] option[value=kesehatan]', {
        state: 'attached',
      })
      // Click 1: the month. Click 2: the category.
      await page.selectOption('select[name=period]', '2026-11')
      await page.selectOption('.opd-ranking select[name=category]', 'kesehatan')

      const answer = await api(
        '/api/v1/stats/opds?region=35&category=kesehatan&sort=lowest&period=2026-11',
        jatim,
      )
      expect(answer.previous).toEqual({ from: '2026-10-01', to: '2026-10-31', period: '2026-10' })
      const worst = answer.rows[0] as OpdRow
      expect(worst.ikm).not.toBeNull()
      const first = page.locator('.opd-ranking tbody tr').first()
      await expect.poll(() => first.locator('.opd-link').textContent()).toBe(worst.name)
      await expect.poll(() => first.locator('.ikm strong').textContent()).toBe(two(worst.ikm!))
      const change = (await first.locator('.change').textContent()) ?? ''
      const c = worst.ikm_change!
      expect(change).toContain(
        c === 0
          ? 'tetap dibanding Oktober 2026'
          : `${c < 0 ? '▼' : '▲'} ${two(Math.abs(c))} dibanding Oktober 2026`,
      )
      expect(change.includes('dalam batas kebetulan')).toBe(c !== 0 && !worst.change_significant)
      // Every row of the answer, in its order: the same OPDs of the same category.
      await expect
        .poll(() => page.$$eval('.opd-ranking tbody .opd-link', (a) => a.map((l) => l.textContent)))
        .toEqual(answer.rows.map((r: OpdRow) => r.name))

      expect(await sideways(page)).toBeLessThanOrEqual(0)
      expect(await axeViolations(page)).toEqual([])
      await screenshot(page, `dashboard-opd-ranking-${width}`)
      expect(errors).toEqual([])
      await page.context().close()
    })
  }
})

describe('trends at a readable interval', () => {
  it('asks days for a month, weeks for a year, months beyond, with a sparkline per ranking row', async () => {
    const { page, asked } = await dashboard(inject('adminToken'), 1366)
    await page.goto(`${baseUrl()}/dashboard#/opd/demo/bappeda`)
    const chart = page.locator('figure.trend')
    const interval = () => chart.getAttribute('data-interval')
    await page.selectOption('select[name=period]', '2026-11')
    await expect.poll(interval).toBe('day')
    // The interval is set before its rows arrive: the count is waited for, not read at once.
    await expect.poll(() => page.locator('figure.trend .day').count()).toBe(30)
    await page.selectOption('select[name=period]', '2026')
    await expect.poll(interval).toBe('week')
    await expect
      .poll(() => chart.locator('figcaption').textContent())
      .toContain('tanggapan per minggu')
    await page.fill('input[name=from]', '2025-01-01')
    await page.fill('input[name=to]', '2026-11-30')
    await expect.poll(interval).toBe('month')
    await expect.poll(() => page.locator('figure.trend .day').count()).toBe(23)
    const series = asked.filter((u) => u.pathname.endsWith('/timeseries'))
    expect(series.map((u) => u.searchParams.get('interval'))).toEqual(
      expect.arrayContaining(['day', 'week', 'month']),
    )
    // The named previous range beside the OPD's IKM: the month before, by name.
    await page.selectOption('select[name=period]', '2026-11')
    await expect.poll(() => page.textContent('[data-figure=ikm] dd')).toContain('Oktober 2026')

    // The national page's OPD ranking: each row's sparkline is its series' IKMs.
    await page.goto(`${baseUrl()}/dashboard#/wilayah`)
    const row = page.locator('.opd-ranking tbody tr').first()
    // A row's line is asked for once the row is on screen.
    await row.scrollIntoViewIfNeeded()
    await row.locator('.sparkline svg').waitFor()
    const period = await page.inputValue('select[name=period]')
    const href = (await row.locator('.opd-link').getAttribute('href'))!
    const [, site, opd] = href.split('/').slice(1)
    const own = await api(`/api/v1/stats/timeseries?site=${site}&opd=${opd}&period=${period}`)
    const ikms = (own.rows as { ikm: number | null }[])
      .filter((r) => r.ikm !== null)
      .map((r) => two(r.ikm!))
    expect(await row.locator('.sparkline svg').getAttribute('aria-label')).toBe(
      `IKM per hari / per day: ${ikms.join(', ')}`,
    )
    await screenshot(page, 'dashboard-trend-sparklines')
    await page.context().close()
  })
})

describe('tables a person can work with', () => {
  it('sorts by a clicked figure column both ways and filters by name, counting what it hides', async () => {
    const { page } = await dashboard(inject('adminToken'), 1366)
    await page.goto(`${baseUrl()}/dashboard#/wilayah`)
    const table = page.locator('section:has(.rank-interval) table')
    await table.locator('tbody tr').first().waitFor()
    const head = table.locator('th', { hasText: 'IKM indikatif' })
    const ikms = () =>
      table
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => Number(tr.querySelector('.ikm strong')?.textContent?.replace(',', '.'))),
        )
    await head.locator('button').click()
    expect(await head.getAttribute('aria-sort')).toBe('ascending')
    const up = await ikms()
    expect(up).toEqual([...up].sort((a, b) => a - b))
    await head.locator('button').click()
    expect(await head.getAttribute('aria-sort')).toBe('descending')
    const down = await ikms()
    expect(down).toEqual([...up].reverse())

    const all = await table.locator('tbody tr').count()
    await page.locator('section:has(.rank-interval) input[name=filter]').fill('jawa')
    const names = await table.locator('tbody tr td:nth-child(2)').allTextContents()
    expect(names.length).toBeGreaterThan(0)
    for (const n of names) expect(n.toLowerCase()).toContain('jawa')
    expect(await page.locator('section:has(.rank-interval) [data-hidden]').textContent()).toContain(
      `${all - names.length} dari ${all} baris disembunyikan`,
    )
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'dashboard-table-sorted-filtered')
    await page.context().close()
  })
})
