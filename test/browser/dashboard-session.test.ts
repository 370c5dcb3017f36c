import { describe, expect, inject, it } from 'vitest'
import { axeViolations, pageErrors, screenshot } from './chromium'
import { adminFetch } from './local-api'
import { baseUrl, dashboardSession, openPage, submitToken } from './dashboard-helpers'

// Signing in as an office expects (docs/dashboard.md «Signing in»): once per browser, every
// tab signed in, «Keluar» signing out all of them, and a new token copied with «Salin»; a
// session whose token is revoked returns to signing in, told why.

const session = dashboardSession()
const COOKIE = '__Host-tanggapan_session'

describe('the dashboard’s session', () => {
  for (const width of [390, 1366]) {
    it(`signs in once for every tab, keeps no token in the page, and «Keluar» signs out every tab (${width} px)`, async () => {
      const context = await session.browser.newContext({ viewport: { width, height: 900 } })
      context.setDefaultTimeout(45_000)
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() })
      const first = await context.newPage()
      const errors = pageErrors(first)
      await first.goto(`${baseUrl()}/dashboard`)
      await submitToken(first, inject('adminToken'))
      await first.waitForSelector('.opd-link')

      // The token is nowhere the page's scripts can read; the cookie is HttpOnly.
      const kept = await first.evaluate(() =>
        JSON.stringify([{ ...sessionStorage }, { ...localStorage }, document.cookie]),
      )
      expect(kept).not.toContain('tgp_')
      expect(kept).not.toContain(COOKIE)
      const cookie = (await context.cookies()).find((c) => c.name === COOKIE)
      expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' })
      const hoursLeft = (cookie!.expires * 1000 - Date.now()) / 3_600_000
      expect(hoursLeft).toBeGreaterThan(7.9)
      expect(hoursLeft).toBeLessThanOrEqual(8)

      // A second tab of the same browser is signed in without a token.
      const second = await context.newPage()
      errors.push(...pageErrors(second))
      await second.goto(`${baseUrl()}/dashboard#/kelola`)
      await second.locator('.tokens h3').waitFor()
      expect(await second.locator('.sign-in').count()).toBe(0)

      // A provinsi token for a province of the official list, ending on a day, shown once.
      const label = `Diskominfo Jatim ${width}`
      await second.selectOption('select[name=role]', 'provinsi')
      await second.selectOption('select[name=token-region]', '35')
      await second.fill('input[name=token-label]', label)
      await second.fill('input[name=token-until]', '2099-12-31')
      await second.click('button:has-text("Buat token")')
      const made = second.locator('.made code')
      await made.waitFor()
      const token = await made.textContent()
      expect(token).toMatch(/^tgp_/)
      await second.click('.made button.copy')
      await second.locator('.made [role=status]', { hasText: 'Tersalin' }).waitFor()
      expect(await second.evaluate(() => getSelection()?.toString())).toBe(token)
      expect(await second.evaluate(() => navigator.clipboard.readText())).toBe(token)
      const row = second.locator('tr', { has: second.locator('td', { hasText: label }) })
      expect(await row.locator('td').nth(2).textContent()).toBe('Jawa Timur')
      expect(await row.locator('.token-until').textContent()).toBe('31 Desember 2099')
      expect(await row.locator('.token-used').textContent()).toContain('belum pernah')
      await screenshot(second, `dashboard-tokens-${width}`)

      // «Keluar» in the first tab signs out both, and the session is gone from the browser.
      await openPage(first, '#/')
      await first.click('.top button:has-text("Keluar")')
      await first.locator('.sign-in').waitFor()
      await second.locator('.sign-in').waitFor()
      expect((await context.cookies()).find((c) => c.name === COOKIE)).toBeUndefined()
      await second.reload()
      await second.locator('.sign-in').waitFor()
      expect(errors).toEqual([])
      await context.close()
    })
  }

  it('ends the sessions of a token revoked in «Kelola» after its dialog: that browser is asked to sign in again, told why', async () => {
    const res = await adminFetch('/api/v1/admin/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'opd', site: 'demo', opd: 'rsud', label: 'RSUD (uji sesi)' }),
    })
    const { token } = (await res.json()) as { token: string }
    const { page: office, errors: officeErrors } = await session.signIn(token)
    const { page: admin, errors } = await session.signIn()
    await openPage(admin, '#/kelola')
    const row = admin.locator('.tokens tr', { hasText: 'RSUD (uji sesi)' })
    const dialog = admin.getByRole('dialog', { name: 'Cabut token «RSUD (uji sesi)»?' })
    for (const width of [390, 1366]) {
      await admin.setViewportSize({ width, height: width === 390 ? 844 : 900 })
      await row.getByRole('button', { name: /Cabut/ }).click()
      // It names the token and its role, and says its sessions end.
      expect(await dialog.locator('.confirm-numbers').textContent()).toContain(
        'Token «RSUD (uji sesi)» (OPD) tidak dapat dipakai lagi, dan setiap sesi yang masuk dengannya berakhir.',
      )
      expect(await axeViolations(admin)).toEqual([])
      await admin.screenshot({ path: `/tmp/confirm-revoke-${width}.png` })
      await dialog.getByRole('button', { name: /Batal/ }).click()
      await expect.poll(() => dialog.count()).toBe(0)
    }
    // Cancelled, the office still reads its pages.
    await openPage(office, '#/publikasi')
    expect(await office.locator('.sign-in').count()).toBe(0)

    await row.getByRole('button', { name: /Cabut/ }).click()
    await dialog.getByRole('button', { name: /Cabut token/ }).click()
    await expect.poll(() => row.textContent()).toContain('dicabut')
    // The office's next request is refused: back to signing in, with the reason, not an error
    // line on its tables.
    await office.evaluate(() => {
      location.hash = '#/'
    })
    await office.locator('.sign-in .session-ended').waitFor()
    expect(await office.locator('.session-ended').textContent()).toBe(
      'Sesi Anda telah berakhir. Silakan masuk lagi.Your session has ended. Please sign in again.',
    )
    expect(await office.getByText('Token tidak dikenal').count()).toBe(0)
    await office.screenshot({ path: '/tmp/confirm-session-ended.png' })
    expect(errors).toEqual([])
    // The refused requests are the browser's own console errors (401), nothing else.
    expect(officeErrors.filter((e) => !/401/.test(e))).toEqual([])
    await office.context().close()
    await admin.context().close()
  })
})
