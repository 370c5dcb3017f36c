import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations } from './chromium'
import { baseUrl, dashboardSession, openPage, openSiteCard } from './dashboard-helpers'
import { adminFetch } from './local-api'

// «Kios» in a service's row of «Kelola» (docs/skm.md «Mode kios»): an admin issues a tablet for
// the counter by typing where it stands, gets its kiosk link once, and revokes it after a
// confirmation; the link then opens the refusal page instead of the survey. Both changes are in
// the audit log, and the opened panel fits a phone and passes axe.

const session = dashboardSession()

/** How far the page itself scrolls sideways: 0 when everything fits the window. */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - innerWidth)

const SERVICE = '/api/v1/admin/sites/demo/opds/diskominfo/services/informasi-publik'

const WIDTHS = [
  { width: 1366, height: 900 },
  { width: 390, height: 844 },
]

describe('«Kios» of a service in «Kelola»', () => {
  for (const viewport of WIDTHS) {
    it(`issues a kiosk device and revokes it after a confirmation at ${viewport.width} px`, async () => {
      const label = `Loket ${viewport.width}`
      const { page, errors } = await session.signIn()
      await page.setViewportSize(viewport)
      await openPage(page, '#/kelola')
      const card = await openSiteCard(page, 'demo')
      const row = card.locator('.services tr[data-service=informasi-publik]')
      await row.waitFor()
      expect(await row.textContent()).toContain('Permohonan Informasi Publik (PPID)')

      // Opened: the service's devices, asked for only now.
      const kiosk = row.locator('details.kiosk-disclosure')
      await kiosk.locator('summary', { hasText: 'Kios' }).click()
      const panel = kiosk.locator('.kiosk-devices')
      await panel.getByRole('heading', { name: /Perangkat kios/ }).waitFor()

      // Issued by typing where it stands: its kiosk link, shown this once.
      await panel.getByRole('textbox', { name: /Letak perangkat/ }).pressSequentially(label)
      await panel.getByRole('button', { name: /Daftarkan perangkat kios/ }).click()
      const link = panel.locator('.made code')
      await link.waitFor()
      const url = new URL((await link.textContent()) ?? '')
      expect(url.pathname).toBe('/skm/demo/informasi-publik')
      expect(url.searchParams.get('mode')).toBe('kiosk')
      const token = url.searchParams.get('device') ?? ''
      expect(token.length).toBeGreaterThan(10)
      const device = panel.locator('tbody tr', { hasText: label })
      await device.waitFor()
      expect(await panel.getByRole('textbox', { name: /Letak perangkat/ }).inputValue()).toBe('')

      await page.screenshot({ path: `/tmp/kioskui-issued-${viewport.width}.png`, fullPage: true })
      await row.screenshot({ path: `/tmp/kioskui-row-${viewport.width}.png` })
      // Scrolled to, the whole panel is in the window: on a phone it is not squeezed into the
      // actions column's width, nor wider than what its card shows.
      await panel.scrollIntoViewIfNeeded()
      await panel.screenshot({ path: `/tmp/kioskui-panel-${viewport.width}.png` })
      const box = await panel.boundingBox()
      expect(box?.x).toBeGreaterThanOrEqual(0)
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(viewport.width)
      expect(box?.width).toBeGreaterThanOrEqual(Math.min(viewport.width - 80, 380))
      expect(await sideways(page)).toBe(0)
      expect(await axeViolations(page, ['.kiosk-devices'])).toEqual([])

      // The tablet opens the link: the survey in kiosk mode, not the refusal page.
      const kioskUrl = `${baseUrl()}${url.pathname}${url.search}`
      const tablet = await page.context().newPage()
      const opened = await tablet.goto(kioskUrl)
      expect(opened?.status()).toBe(200)
      await tablet.getByText('Pertanyaan 1 dari 9').waitFor()

      // Closed and opened again, the panel lists the device but never its link again.
      await kiosk.locator('summary').click()
      await kiosk.locator('summary').click()
      await device.waitFor()
      expect(await panel.locator('.made').count()).toBe(0)
      expect(await panel.textContent()).not.toContain(token)

      // «Cabut», then «Batal» in the dialog that names the device: nothing is sent, the device
      // stays in use.
      const changes: string[] = []
      page.on('request', (r) => r.method() !== 'GET' && changes.push(`${r.method()} ${r.url()}`))
      const revoke = device.getByRole('button', { name: /Cabut/ })
      const dialog = page.getByRole('dialog', { name: `Cabut perangkat «${label}»?` })
      await revoke.click()
      expect(await dialog.textContent()).toContain(
        `Kios «${label}» tidak dapat mengirim jawaban lagi sampai didaftarkan ulang.`,
      )
      await page.screenshot({ path: `/tmp/kioskui-asking-${viewport.width}.png`, fullPage: true })
      expect(await sideways(page)).toBe(0)
      await dialog.getByRole('button', { name: /Batal/ }).click()
      await expect.poll(() => dialog.count()).toBe(0)
      expect(changes).toEqual([])
      expect(await device.textContent()).not.toContain('dicabut')
      expect((await tablet.goto(kioskUrl))?.status()).toBe(200)

      // Confirmed in the dialog: revoked, and the row says so.
      await revoke.click()
      await dialog.getByRole('button', { name: /Cabut perangkat/ }).click()
      await expect.poll(() => device.textContent()).toContain('dicabut')
      expect(changes).toHaveLength(1)
      expect(changes[0]).toMatch(/^DELETE .*\/services\/informasi-publik\/devices\//)
      expect(await device.getAttribute('class')).toContain('revoked')
      await page.screenshot({ path: `/tmp/kioskui-revoked-${viewport.width}.png`, fullPage: true })
      expect(await sideways(page)).toBe(0)
      expect(await axeViolations(page, ['.kiosk-devices'])).toEqual([])

      // The tablet's link now opens the refusal page.
      expect((await tablet.goto(kioskUrl))?.status()).toBe(403)
      await tablet.getByRole('heading', { name: 'Perangkat kios ini sudah dicabut' }).waitFor()

      // «Log audit»: the issue and the revocation, newest first.
      await openPage(page, '#/audit')
      await page.selectOption('select[name=audit-site]', 'demo')
      const audit = page.locator('table.audit tbody tr', { hasText: label })
      await expect
        .poll(() => audit.locator('.audit-action').allTextContents())
        .toEqual([
          'Perangkat kios dicabutKiosk device revoked',
          'Perangkat kios didaftarkanKiosk device issued',
        ])
      const listed = await adminFetch(`${SERVICE}/devices`)
      const { devices } = (await listed.json()) as { devices: { id: string; label: string }[] }
      const id = devices.find((d) => d.label === label)?.id
      const logged = await adminFetch('/api/v1/admin/audit?site=demo')
      const { rows } = (await logged.json()) as { rows: { action: string; target: string }[] }
      expect(rows.filter((r) => r.target === id).map((r) => r.action)).toEqual([
        'kiosk.revoke',
        'kiosk.issue',
      ])
      expect(errors.filter((e) => !/403/.test(e))).toEqual([])
      await page.context().close()
    }, 120_000)
  }
})
