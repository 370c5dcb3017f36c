import { readFileSync } from 'node:fs'
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

  it('downloads the OPD table as a CSV with the same figures', async () => {
    const { page } = await session.signIn()
    const section = page.locator('section', { has: page.locator('h2', { hasText: 'OPD' }) })
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.locator('button[data-export=csv]').click(),
    ])
    expect(download.suggestedFilename()).toBe('tanggapan-opds.csv')
    const text = readFileSync((await download.path())!, 'utf8')
    const lines = text.split('\r\n')
    expect(lines[0]).toBe(
      'site,opd,name,category,region,region_name,rank_low,rank_high,total,sangat_puas,puas,cukup_puas,tidak_puas,pct_sangat_puas,pct_puas,pct_cukup_puas,pct_tidak_puas,views,response_rate,ikm,grade,ikm_low,ikm_high,required_sample,sample_adequate,ikm_prev,ikm_change,change_significant,reason_informasi_kurang_lengkap,reason_tidak_akurat,reason_sulit_dipahami,reason_terlambat,reason_tautan_rusak,reason_lainnya',
    )
    expect(
      lines.find((l) => l.startsWith('demo,diskominfo,Dinas Komunikasi dan Informatika,')),
    ).toBeDefined()
    await page.context().close()
  })
})
