import { describe, expect, it } from 'vitest'
import { dashboardSession, openPage } from './dashboard-helpers'
import { adminFetch } from './local-api'

// Each role sees only what it may do (issue 28, point 6): «Kelola» is the admin's, publishing
// is the admin's and an OPD's; Komdigi (kominfo) and provinsi tokens read publications only.

const session = dashboardSession()

async function tokenFor(body: Record<string, string>): Promise<string> {
  const res = await adminFetch('/api/v1/admin/tokens', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}

const ROLES: {
  role: string
  scope?: Record<string, string>
  manages: boolean
  publishes: boolean
}[] = [
  { role: 'admin', manages: true, publishes: true },
  { role: 'opd', scope: { site: 'demo', opd: 'rsud' }, manages: false, publishes: true },
  { role: 'kominfo', manages: false, publishes: false },
  { role: 'provinsi', scope: { region: '35' }, manages: false, publishes: false },
]

describe('the dashboard by role', () => {
  for (const { role, scope, manages, publishes } of ROLES) {
    it(`${role}: «Kelola» ${manages ? 'shown' : 'absent'}, publishing ${publishes ? 'offered' : 'absent'}`, async () => {
      const token =
        role === 'admin' ? undefined : await tokenFor({ role, label: `Peran ${role}`, ...scope })
      // A provinsi token lands on its province's regions.
      const { page, errors } = await session.signIn(
        token,
        role === 'provinsi' ? '.region-link' : '.opd-link',
      )
      expect(await page.locator('.top a[href="#/kelola"]').count()).toBe(manages ? 1 : 0)

      await page.click('a[href="#/publikasi"]')
      await openPage(page, '#/publikasi')
      expect(await page.locator('form.publish button[type=submit]').count()).toBe(publishes ? 1 : 0)
      // Two forms for a role that publishes: the news box's period and the SKM's.
      expect(await page.getByRole('button', { name: /terbitkan|tinjau/i }).count()).toBe(
        publishes ? 2 : 0,
      )
      if (!publishes) {
        expect(await page.locator('.read-only').textContent()).toContain('tidak menerbitkannya')
      }

      // «Kelola» typed by hand: the management page is not drawn for another role.
      await page.evaluate(() => {
        location.hash = '#/kelola'
      })
      await expect.poll(() => page.locator('main').textContent()).not.toContain('Publikasi')
      const main = (await page.locator('main').textContent()) ?? ''
      if (manages) expect(main).toContain('Kelola situs')
      else expect(main).not.toContain('Kelola situs')
      expect(errors).toEqual([])
      await page.context().close()
    })
  }
})
