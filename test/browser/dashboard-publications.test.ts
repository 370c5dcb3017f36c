import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { periodText } from '../../worker/domain/calendar/periods'
import { axeViolations, screenshot } from './chromium'
import { baseUrl, dashboardSession } from './dashboard-helpers'
import { adminFetch } from './local-api'

// «Publikasi»: publishing an ended period through the dashboard, after a review that shows the
// live figures to be frozen and a dialog that names them; an OPD's token sees and publishes only its own OPD.

const session = dashboardSession()

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await adminFetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<T>
}

type Figures = { total: number; views: number }

/** Waits for the list of publications (which marks the periods already published). */
const listed = (page: Page) =>
  page.locator('text=Belum ada publikasi.').or(page.locator('tbody tr')).first().waitFor()

// Each walk makes several requests to wrangler dev; on a loaded machine that takes a while.
const WALK = 120_000

describe('the dashboard’s «Publikasi»', () => {
  it(
    'publishes an OPD’s ended month after showing what will be frozen, and lists it',
    async () => {
      const { page, errors } = await session.signIn()
      await page.click('a[href="#/publikasi"]')
      await listed(page)
      await page.selectOption('select[name=opd]', 'bappeda')
      const period = await page.locator('select[name=period]').inputValue()
      expect(period).toMatch(/^\d{4}-\d{2}$/) // the last ended month comes first
      await page.click('form.publish button[type=submit]')

      // The confirmation shows the live figures of that scope and period.
      const confirm = page.locator('section.confirm')
      await confirm.waitFor()
      expect(await confirm.locator('h3').textContent()).toContain(
        `demo · bappeda · ${periodText(period)}`,
      )
      const live = await api<{ rows: Figures[] }>(
        `/api/v1/stats/opds?site=demo&opd=bappeda&period=${period}`,
      )
      const cells = await confirm.locator('tbody tr').first().locator('td').allTextContents()
      expect(cells[2]).toBe(new Intl.NumberFormat('id-ID').format(live.rows[0].total))
      await screenshot(page, 'dashboard-publications-confirm')

      // «Terbitkan…» asks in a dialog that names the scope, the period and the answers frozen;
      // «Batal» sends nothing.
      const changes: string[] = []
      page.on('request', (r) => r.method() !== 'GET' && changes.push(`${r.method()} ${r.url()}`))
      const dialog = page.getByRole('dialog', {
        name: `Terbitkan Badan Perencanaan Pembangunan Daerah, ${periodText(period)}?`,
      })
      const count = new Intl.NumberFormat('id-ID').format(live.rows[0].total)
      for (const width of [390, 1366]) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 })
        await confirm.getByRole('button', { name: /Terbitkan…/ }).click()
        expect(await dialog.locator('.confirm-numbers').textContent()).toContain(
          `Angka OPD Badan Perencanaan Pembangunan Daerah untuk ${periodText(period)} ` +
            `dibekukan: ${count} tanggapan. Setelah terbit tidak dapat diubah.`,
        )
        expect(await axeViolations(page)).toEqual([])
        await page.screenshot({ path: `/tmp/confirm-publish-${width}.png` })
        await dialog.getByRole('button', { name: /Batal/ }).click()
        await expect.poll(() => dialog.count()).toBe(0)
      }
      expect(changes).toEqual([])
      await confirm.getByRole('button', { name: /Terbitkan…/ }).click()
      await dialog.getByRole('button', { name: /^Terbitkan/ }).click()
      const row = page
        .locator('tbody tr', { hasText: periodText(period) })
        .filter({ hasText: 'bappeda' })
      await row.waitFor()
      const report = await row.locator('a').getAttribute('href')
      expect(report).toMatch(/^\/laporan\/pub_[0-9a-f]{16}$/)
      // What was frozen is what the confirmation showed, and the period cannot be picked again.
      const frozen = await api<{ figures: { total: Figures } }>(
        `/api/v1/public/publications/${report!.slice('/laporan/'.length)}`,
      )
      expect(frozen.figures.total.total).toBe(live.rows[0].total)
      expect(await page.locator(`select[name=period] option[value="${period}"]`).isDisabled()).toBe(
        true,
      )

      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: baseUrl(),
      })
      await page.click('button:has-text("Salin tautan")')
      await page.locator('[role=status]', { hasText: '/transparansi/demo' }).waitFor()
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
        `${baseUrl()}/transparansi/demo`,
      )
      await screenshot(page, 'dashboard-publications')
      expect(errors).toEqual([])
      await page.context().close()
    },
    WALK,
  )

  it(
    'gives an OPD’s token its own OPD only: fixed scope, its own publications',
    async () => {
      const { token } = await api<{ token: string }>('/api/v1/admin/tokens', {
        role: 'opd',
        site: 'demo',
        opd: 'rsud',
        label: 'RSUD (publikasi)',
      })
      const { page, errors } = await session.signIn(token)
      await page.click('a[href="#/publikasi"]')
      const opd = page.locator('select[name=opd]')
      expect([await opd.inputValue(), await opd.isDisabled()]).toEqual(['rsud', true])
      expect(await page.locator('select[name=site]').isDisabled()).toBe(true)
      // bappeda's publication (the test above) is not this token's to see.
      await listed(page)
      expect(await page.locator('tbody tr', { hasText: 'bappeda' }).count()).toBe(0)

      // The first ended period not yet published (another test file may have published one).
      const period = (await page
        .locator('select[name=period] option:not([disabled])')
        .evaluateAll((options) =>
          options.map((o) => (o as HTMLOptionElement).value).find(Boolean),
        ))!
      await page.selectOption('select[name=period]', period)
      await page.click('form.publish button[type=submit]')
      await page
        .locator('section.confirm')
        .getByRole('button', { name: /Terbitkan…/ })
        .click()
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^Terbitkan/ })
        .click()
      await page
        .locator('tbody tr', { hasText: periodText(period) })
        .filter({ hasText: 'rsud' })
        .waitFor()
      await screenshot(page, 'dashboard-publications-opd')
      expect(errors).toEqual([])
      await page.context().close()
    },
    WALK,
  )
})
