import { describe, expect, it } from 'vitest'
import { screenshot } from './chromium'
import { dashboardSession, openPage, openSiteCard } from './dashboard-helpers'
import { adminFetch } from './local-api'

// «Log audit»: an admin reads every change made with a token, newest first, and filters it. A
// merge asked and cancelled leaves no trace; a merge confirmed is there.

const session = dashboardSession()

async function send(method: string, path: string, body: unknown) {
  const res = await adminFetch(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
}

const SITE = 'uji-audit'

describe('«Log audit» in the dashboard', () => {
  it('shows a confirmed merge, newest first and by its Indonesian name, and no cancelled one', async () => {
    await send('POST', '/api/v1/admin/sites', { id: SITE, name: 'Kota Audit', origins: [] })
    for (const opd of ['dishub', 'dishubkominfo', 'dispar'])
      await send('PUT', `/api/v1/admin/sites/${SITE}/opds/${opd}`, { name: opd })

    const { page, errors } = await session.signIn()
    await page.click('a[href="#/kelola"]')
    const card = await openSiteCard(page, SITE)
    const row = (slug: string) =>
      card.locator('tr', { has: page.locator('code', { hasText: new RegExp(`^${slug}$`) }) })
    const slugs = () => card.locator('td code').allTextContents()

    // Asked, then cancelled: nothing is merged, nothing logged.
    await row('dispar').locator('select[name=merge-into]').selectOption('dishub')
    await row('dispar').locator('button', { hasText: 'Gabungkan' }).click()
    await row('dispar').locator('button', { hasText: 'Batal' }).click()
    // Confirmed: «Gabungkan», «Yakin?», «Gabungkan» again.
    await row('dishubkominfo').locator('select[name=merge-into]').selectOption('dishub')
    const merge = row('dishubkominfo').locator('button', { hasText: 'Gabungkan' })
    await merge.click()
    await row('dishubkominfo').locator('.confirm-ask', { hasText: 'Yakin?' }).waitFor()
    await merge.click()
    await expect.poll(slugs).toEqual(['dishub', 'dispar'])

    await page.click('a[href="#/audit"]')
    await page.locator('table.audit').waitFor()
    // Newest first: the merge just made heads the whole log.
    const first = page.locator('table.audit tbody tr').first()
    expect(await first.locator('.audit-action').textContent()).toBe('OPD digabungkanOPD merged')
    expect(await first.textContent()).toContain('Kota Audit')
    expect(await first.locator('td code').first().textContent()).toBe('dishubkominfo')
    expect(await first.locator('.audit-change').textContent()).toContain('"opd":"dishub"')

    // Filtered to this site's merges: the confirmed one only, not the cancelled one.
    await page.selectOption('select[name=audit-site]', SITE)
    await page.selectOption('select[name=audit-action]', 'opd.merge')
    const rows = page.locator('table.audit tbody tr')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.locator('td code').first().textContent()).toBe('dishubkominfo')
    expect(await page.locator('table.audit').textContent()).not.toContain('dispar')
    await screenshot(page, 'dashboard-audit')

    // A day range that ends before today leaves nothing.
    await page.fill('input[name=audit-from]', '2020-01-01')
    await page.fill('input[name=audit-to]', '2020-01-31')
    await page.getByText('Tidak ada perubahan yang cocok.').waitFor()
    expect(errors).toEqual([])
    await page.context().close()
  })

  it('is the admin’s alone: an OPD token has no «Log audit»', async () => {
    const res = await adminFetch('/api/v1/admin/tokens', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'opd', site: 'demo', opd: 'rsud', label: 'RSUD (audit)' }),
    })
    const { token } = (await res.json()) as { token: string }
    const { page } = await session.signIn(token)
    expect(await page.locator('a[href="#/audit"]').count()).toBe(0)
    // Its address typed by hand shows nothing of the log either.
    await openPage(page, '#/kesehatan')
    await page.evaluate(() => {
      location.hash = '#/audit'
    })
    await expect.poll(() => page.locator('main').textContent()).not.toContain('Kesehatan')
    expect(await page.locator('main').textContent()).not.toContain('Log audit')
    await page.context().close()
  })
})
