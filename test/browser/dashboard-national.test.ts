import { readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { axeViolations, pageErrors, screenshot } from './chromium'
import { baseUrl, dashboardSession, earlierAnswersFlushed, submitToken } from './dashboard-helpers'
import { adminFetch, apiFetch } from './local-api'

// The national and provincial pages (issue 15 item 5): Indonesia → province → kabupaten/kota →
// site → OPD, each a click, with the figures the API gives, and no accessibility violations.

const session = dashboardSession()

// The pages and the API are compared at different moments: nothing may reach D1 in between.
beforeAll(earlierAnswersFlushed, 20_000)

interface Row {
  region: string
  name: string
  sites: number
  total: number
  ikm: number | null
  grade: string | null
  rank_low: number
  rank_high: number
  sample_adequate: boolean
}

const api = async (path: string, token = inject('adminToken')) => {
  const res = await apiFetch(path, { headers: { Authorization: `Bearer ${token}` } })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

/** A figure as the dashboard writes it (id-ID: a decimal comma). */
const two = (x: number) => x.toFixed(2).replace('.', ',')

/** The ranking table's rows as shown: place, region name, responses, IKM. */
const shownRanking = (page: Page) =>
  page.$$eval('section:has(.rank-interval) tbody tr', (trs) =>
    trs.map((tr) => {
      const cells = Array.from(tr.querySelectorAll('td'), (td) => td.textContent ?? '')
      return {
        place: cells[0],
        name: cells[1],
        ikm: tr.querySelector('.ikm strong')?.textContent ?? null,
        bounds: tr.querySelector('.rank-interval .ci')?.textContent ?? null,
      }
    }),
  )

/** What the table should show for the API's rows: those with answers, best first by rank_low. */
function expectedRanking(rows: Row[]) {
  return rows
    .filter((r) => r.total > 0)
    .sort((a, b) => b.rank_low - a.rank_low)
    .map((r, i) => ({
      place: String(i + 1),
      name: r.name,
      ikm: two(r.ikm!),
      bounds: `${two(r.rank_low)}–${two(r.rank_high)}`,
    }))
}

/** The regions without answers, listed under the table: as many as the API has. */
const quietCount = async (page: Page) =>
  Number.parseInt((await page.textContent('.quiet summary')) ?? '', 10)

describe('the national and provincial pages', () => {
  it('walk from Indonesia to an article: map, grades, ranking and the API’s figures', async () => {
    const { page, errors } = await session.signIn()
    const national = (await api('/api/v1/stats/regions')).rows as Row[]
    expect(national).toHaveLength(38)

    await page.click('nav a[href="#/wilayah"]')
    await page.waitForSelector('.tile-map a')
    // Every province is a tile, coloured by its grade (grey without answers), named in full.
    const tiles = await page.$$eval('.tile-map a', (links) =>
      links.map((a) => ({
        region: a.getAttribute('data-region'),
        label: a.getAttribute('aria-label') ?? '',
        fill: a.querySelector('rect')?.getAttribute('class') ?? '',
      })),
    )
    expect(tiles.map((t) => t.region).sort()).toEqual(national.map((r) => r.region).sort())
    for (const r of national) {
      const tile = tiles.find((t) => t.region === r.region)!
      expect(tile.label).toContain(r.name)
      if (r.ikm !== null) expect(tile.label).toContain(`${two(r.ikm)}: ${r.name}, mutu ${r.grade}`)
      expect(tile.fill).toContain(`g-${r.grade ?? 'none'}`)
      expect(tile.label.includes('sampel belum memadai')).toBe(r.total > 0 && !r.sample_adequate)
    }
    // The grade distribution counts the provinces of each grade.
    for (const g of ['A', 'B', 'C', 'D', null]) {
      const n = national.filter((r) => r.grade === g).length
      expect(await page.textContent(`.grade-dist li[data-grade="${g ?? 'none'}"] strong`)).toBe(
        String(n),
      )
    }
    expect(await shownRanking(page)).toEqual(expectedRanking(national))
    expect(await quietCount(page)).toBe(national.filter((r) => r.total === 0).length)
    expect(await page.locator('section:has(.rank-interval) tbody .flag').count()).toBe(
      national.filter((r) => r.total > 0 && !r.sample_adequate).length,
    )
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'dashboard-national')

    // A tile opens its province: its kabupaten/kota ranked, its own total above them.
    await page.click('.tile-map a[data-region="35"]')
    await page.waitForSelector('.region-link')
    expect(page.url()).toMatch(/#\/wilayah\/35$/)
    const jatim = national.find((r) => r.region === '35')!
    await expect.poll(() => page.textContent('.region-total .ikm strong')).toBe(two(jatim.ikm!))
    expect(await page.textContent('h2')).toContain('Jawa Timur')
    const provincial = (await api('/api/v1/stats/regions?province=35')).rows as Row[]
    expect(await shownRanking(page)).toEqual(expectedRanking(provincial))
    await expect
      .poll(() => page.$$eval('.trail a', (a) => a.map((l) => l.textContent)))
      .toEqual(['Indonesia', 'Jawa Timur'])
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'dashboard-province')

    // A kabupaten lists its sites; a site its OPDs; an OPD its articles.
    await page.click('.region-link:text-is("Kabupaten Bojonegoro")')
    await page.waitForURL(/#\/wilayah\/35\.22$/)
    // Polled: in a whole-suite run the list was read once between the province's page going
    // and the kabupaten's arriving (an empty list right after `.site-link` had been seen).
    await expect
      .poll(() => page.$$eval('.site-link', (a) => a.map((l) => l.textContent)))
      .toEqual(['Pemerintah Kabupaten Contoh'])
    const bojonegoro = provincial.find((r) => r.region === '35.22')!
    await expect.poll(() => page.textContent('tbody .ikm strong')).toBe(two(bojonegoro.ikm!))
    await page.click('.site-link')
    await page.waitForSelector('.opd-link')
    expect(page.url()).toMatch(/#\/situs\/demo$/)
    expect(await page.$$eval('.trail a', (a) => a.map((l) => l.textContent))).toEqual([
      'Indonesia',
      'Jawa Timur',
      'Kabupaten Bojonegoro',
      'Pemerintah Kabupaten Contoh',
    ])
    await page.click('.opd-link:has-text("Dinas Komunikasi")')
    await page.waitForSelector('.article-title')
    expect(page.url()).toMatch(/#\/opd\/demo\/diskominfo$/)
    await screenshot(page, 'dashboard-national-to-opd')

    // The trail leads back up.
    await page.click('.trail a:text-is("Indonesia")')
    await page.waitForSelector('.tile-map a')
    expect(errors).toEqual([])
    await page.context().close()
  }, 90_000) // a long walk with two axe runs: slow on a loaded 2-core machine

  it('follows the date range and exports the rows it shows', async () => {
    const { page } = await session.signIn()
    await page.goto(`${baseUrl()}/dashboard#/wilayah/33`)
    await page.waitForSelector('.region-link')
    await page.fill('input[name=from]', '2026-11-10')
    await page.fill('input[name=to]', '2026-11-16')
    const narrowed = (await api('/api/v1/stats/regions?province=33&from=2026-11-10&to=2026-11-16'))
      .rows as Row[]
    await expect.poll(() => shownRanking(page)).toEqual(expectedRanking(narrowed))

    const section = page.locator('section', { has: page.locator('.rank-interval') }).first()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.locator('button[data-export=csv]').first().click(),
    ])
    expect(download.suggestedFilename()).toBe(
      'tanggapan-kabupaten-kota-jawa-tengah-2026-11-10-2026-11-16.csv',
    )
    const lines = readFileSync((await download.path())!, 'utf8').split('\r\n')
    expect(lines[0]).toMatch(
      /^\ufeffKode wilayah,Nama,Jumlah situs,Batas bawah peringkat,Batas atas peringkat,/,
    )
    expect(lines.filter((l) => /^33\.\d\d,/.test(l))).toHaveLength(
      narrowed.filter((r) => r.region.length > 2).length,
    )
    await page.context().close()
  })

  it('lands a provinsi token on its own province, with no way to the others', async () => {
    const res = await adminFetch(`/api/v1/admin/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'provinsi', region: '17', label: 'Diskominfotik Bengkulu' }),
    })
    const { token } = await res.json()
    const context = await session.browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const errors = pageErrors(page)
    await page.goto(`${baseUrl()}/dashboard`)
    await submitToken(page, token)
    await page.waitForSelector('.region-link')
    expect(await page.textContent('h2')).toContain('Bengkulu')
    const rows = (await api('/api/v1/stats/regions?level=province', token)).rows as Row[]
    expect(rows.map((r) => r.region)).toEqual(['17'])
    expect(await page.textContent('.region-total .ikm strong')).toBe(two(rows[0].ikm!))
    const provincial = (await api('/api/v1/stats/regions?province=17', token)).rows as Row[]
    expect(await shownRanking(page)).toEqual(expectedRanking(provincial))
    expect(await page.locator('a[href="#/wilayah"]').count()).toBe(0)
    // Its sites: every one of them in Bengkulu, and a click away.
    const sites = await page.$$eval('.site-link', (a) => a.map((l) => l.textContent))
    expect(sites).toEqual(expect.arrayContaining(['Pemerintah Kabupaten Rejang Lebong']))
    // The region names the trail could take, held until the test lets them go.
    let release = () => {}
    const held = new Promise<void>((r) => {
      release = r
    })
    await page.route(
      (url) =>
        url.pathname === '/api/v1/regions' ||
        (url.pathname === '/api/v1/stats/regions' && url.search === '?level=province'),
      async (route) => {
        await held
        await route.continue()
      },
    )
    await page.click('.site-link:text-is("Pemerintah Kabupaten Rejang Lebong")')
    await page.waitForSelector('.opd-link')
    // Never a bare code («17») while the names are on their way: «…», and the trail is busy.
    const trail = () => page.$$eval('.trail a', (a) => a.map((l) => l.textContent))
    const site = ['Kabupaten Rejang Lebong', 'Pemerintah Kabupaten Rejang Lebong']
    expect(await trail()).toEqual(['…', ...site])
    expect(await page.getAttribute('.trail', 'aria-busy')).toBe('true')
    await page.locator('.trail').screenshot({ path: '/tmp/confirm-trail-busy.png' })
    // The trail names its regions once the official list has arrived (GET /api/v1/regions).
    release()
    await expect.poll(trail).toEqual(['Bengkulu', ...site])
    expect(await page.getAttribute('.trail', 'aria-busy')).toBeNull()
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'dashboard-provinsi-site')
    expect(errors).toEqual([])
    await context.close()
  })
})
