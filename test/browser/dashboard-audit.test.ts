import { describe, expect, it } from 'vitest'
import { axeViolations, screenshot } from './chromium'
import {
  answer,
  baseUrl,
  dashboardSession,
  flushed,
  openPage,
  openSiteCard,
} from './dashboard-helpers'
import { adminFetch } from './local-api'

// «Log audit»: an admin reads every change made with a token, newest first, and filters it. A
// merge asked and cancelled (Escape, «Batal») changes nothing and leaves no trace; a merge
// confirmed in the dialog, the OPD's name typed, is there.

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
    for (const [opd, name] of [
      ['dishub', 'Dinas Perhubungan'],
      ['dishubkominfo', 'dishubkominfo'],
      ['dispar', 'Dinas Pariwisata'],
    ])
      await send('PUT', `/api/v1/admin/sites/${SITE}/opds/${opd}`, { name })
    // Dinas Pariwisata has answers on two articles: the dialog counts them before a merge.
    const articles = ['audit-pantai', 'audit-candi']
    for (const [i, rating] of [2, 3, 4].entries())
      await answer({ site: SITE, opd: 'dispar', article: articles[i % 2], rating })
    await flushed(articles, SITE)
    const dispar = async () => {
      const q = `site=${SITE}&opd=dispar`
      const opds = await (await adminFetch(`/api/v1/stats/opds?${q}`)).json()
      const pages = await (await adminFetch(`/api/v1/stats/articles?${q}&limit=1`)).json()
      return { responses: opds.rows[0].total as number, articles: pages.matched as number }
    }
    const before = await dispar()
    expect(before).toEqual({ responses: 3, articles: 2 })

    const { page, errors } = await session.signIn()
    const changes: string[] = []
    page.on('request', (r) => r.method() !== 'GET' && changes.push(`${r.method()} ${r.url()}`))
    await page.click('a[href="#/kelola"]')
    const card = await openSiteCard(page, SITE)
    const row = (slug: string) =>
      card.locator('tr', { has: page.locator('code', { hasText: new RegExp(`^${slug}$`) }) })
    const slugs = () => card.locator('td code').allTextContents()
    const dialog = page.getByRole('dialog', {
      name: 'Gabungkan Dinas Pariwisata ke Dinas Perhubungan?',
      exact: false,
    })
    const confirm = dialog.locator('button.danger')

    // The dialog says in numbers what the merge moves, the numbers the API reports, and waits
    // for the OPD's name typed.
    await row('dispar').locator('select[name=merge-into]').selectOption('dishub')
    await row('dispar').locator('button', { hasText: 'Gabungkan' }).click()
    await dialog.locator('.confirm-numbers').waitFor()
    expect(await dialog.locator('.confirm-numbers').textContent()).toContain(
      `${before.responses} tanggapan, ${before.articles} berita dan 0 layanan Dinas Pariwisata ` +
        'akan dipindahkan ke Dinas Perhubungan.',
    )
    // Focus is in the dialog, on the field the name is typed in.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(
      'confirm-typed',
    )
    expect(await confirm.isDisabled()).toBe(true)
    await page.keyboard.type('dinas pariwisat')
    expect(await confirm.isDisabled()).toBe(true)
    expect(await axeViolations(page)).toEqual([])
    await page.screenshot({ path: '/tmp/confirm-merge-1366.png' })
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await axeViolations(page)).toEqual([])
    await page.screenshot({ path: '/tmp/confirm-merge-390.png' })
    // Escape lets it be; so does «Batal», even with the name typed.
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    await row('dispar').locator('button', { hasText: 'Gabungkan' }).click()
    await dialog.locator('input[name=confirm-typed]').fill('Dinas Pariwisata')
    expect(await confirm.isEnabled()).toBe(true)
    await dialog.locator('button', { hasText: 'Batal' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    await page.setViewportSize({ width: 1366, height: 900 })

    // Confirmed: the name typed, then «Gabungkan» in the dialog.
    await row('dishubkominfo').locator('select[name=merge-into]').selectOption('dishub')
    await row('dishubkominfo').locator('button', { hasText: 'Gabungkan' }).click()
    const other = page.getByRole('dialog', { name: 'Gabungkan dishubkominfo ke', exact: false })
    await other.locator('input[name=confirm-typed]').fill('dishubkominfo')
    await other.locator('button.danger').click()
    await expect.poll(slugs).toEqual(['dishub', 'dispar'])
    // Only the confirmed merge was sent; Dinas Pariwisata and its figures are as they were.
    expect(changes).toEqual([
      `POST ${baseUrl()}/api/v1/admin/sites/${SITE}/opds/dishubkominfo/merge`,
    ])
    expect(await dispar()).toEqual(before)

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
