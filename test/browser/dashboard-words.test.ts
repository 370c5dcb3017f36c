import { describe, expect, it } from 'vitest'
import { screenshot } from './chromium'
import { dashboardSession, openPage } from './dashboard-helpers'
import { adminFetch } from './local-api'

const session = dashboardSession()

/** A day as the dashboard writes it: «7 Desember 2026». */
const LONG_DAY =
  /\b\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}\b/

describe('the dashboard speaks Indonesian first', () => {
  it('words a refusal by its error code, never the API’s English message', async () => {
    const { page, errors } = await session.signIn()
    await page.click('a[href="#/kelola"]')
    // «demo» is the demo data's site: registering it again is refused (site_exists).
    await page.fill('input[name=site-id]', 'demo')
    await page.fill('input[name=site-name]', 'Situs Contoh')
    await page.click('form.panel button[type=submit]')
    const alert = page.locator('form.panel [role=alert]').first()
    await expect
      .poll(() => alert.textContent())
      .toBe('Situs dengan ID ini sudah ada. / A site with this ID exists.')
    await screenshot(page, 'dashboard-error-words')
    // The browser logs the refused request itself; nothing else went wrong.
    expect(errors.filter((e) => !e.includes('409'))).toEqual([])
    await page.context().close()
  })

  it('writes days as «7 Desember 2026» and periods by name, never as codes', async () => {
    const { page } = await session.signIn()
    await openPage(page, '#/kesehatan')
    // The «Tayangan terakhir» column, wherever it stands (the status comes first); a site
    // never viewed shows «—».
    await page.locator('table.health tbody tr').first().waitFor()
    const heads = await page.locator('table.health thead th').allTextContents()
    const column = heads.findIndex((h) => h.startsWith('Tayangan terakhir')) + 1
    const lastViews = (
      await page.locator(`table.health tbody tr > :nth-child(${column})`).allTextContents()
    ).filter((t) => t !== '—')
    expect(lastViews.length).toBeGreaterThan(0)
    for (const lastView of lastViews) {
      expect(lastView).toMatch(LONG_DAY)
      expect(lastView).not.toMatch(/\d+\/\d+\/\d+/)
    }

    await openPage(page, '#/publikasi')
    const periods = await page.locator('select[name=period] option').allTextContents()
    expect(periods.length).toBeGreaterThan(0)
    for (const text of periods) expect(text).toMatch(/^(Tahun|Semester|Triwulan|[A-Z][a-z]+) /)
    expect(periods.join(' ')).not.toMatch(/\d{4}-(Q|S|\d)/)
    await page.context().close()
  })

  it('names the national role as the ministry is named today, Komdigi (formerly Kominfo)', async () => {
    const res = await adminFetch('/api/v1/admin/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'kominfo', label: 'Komdigi pusat' }),
    })
    const { token } = (await res.json()) as { token: string }
    const { page } = await session.signIn(token)
    expect(await page.locator('.top .who').textContent()).toBe('Komdigi (dahulu Kominfo)')
    await page.context().close()
  })
})
