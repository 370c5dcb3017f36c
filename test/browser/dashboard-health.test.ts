import { describe, expect, it } from 'vitest'
import { screenshot } from './chromium'
import { dashboardSession, openPage } from './dashboard-helpers'
import { adminFetch, apiFetch } from './local-api'

// «Kesehatan» by severity: what stopped working first, a snippet never seen on a page as «belum
// terpasang» rather than «Baik», and a filter that leaves only what is in trouble.

const session = dashboardSession()

async function send(method: string, path: string, body: unknown, fetcher = adminFetch) {
  const res = await fetcher(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
}

const SITE = 'uji-kesehatan'

describe('«Kesehatan»', () => {
  it('puts the worst first, calls a never-viewed OPD «belum terpasang», and filters to the troubled', async () => {
    await send('POST', '/api/v1/admin/sites', {
      id: SITE,
      name: 'Kabupaten Uji',
      origins: ['https://uji.go.id'],
    })
    await send('PUT', `/api/v1/admin/sites/${SITE}/opds/dinkes`, { name: 'Dinkes Uji' })
    await send('PUT', `/api/v1/admin/sites/${SITE}/opds/dinsos`, { name: 'Dinsos Uji' })
    // Dinkes Uji's widget is seen on a page; Dinsos Uji's never is.
    const view = {
      site: SITE,
      opd: 'dinkes',
      article: 'https://uji.go.id/berita/1',
      reader: crypto.randomUUID(),
    }
    await send('POST', '/api/v1/views', view, apiFetch)
    // The view reaches D1 (and the health rows) with the next flush.
    await expect
      .poll(
        async () => {
          const res = await adminFetch(`/api/v1/stats/health?site=${SITE}`)
          const { rows } = (await res.json()) as {
            rows: { opd: string | null; views_24h: number }[]
          }
          return rows.find((r) => r.opd === 'dinkes')?.views_24h
        },
        { timeout: 20_000 },
      )
      .toBe(1)

    const { page, errors } = await session.signIn()
    await openPage(page, '#/kesehatan')
    const state = (name: string) =>
      page.locator('table.health tbody tr', { hasText: name }).locator('td.state').textContent()
    expect(await state('Dinsos Uji')).toContain('Belum terpasang')
    expect(await state('Dinkes Uji')).toContain('Baik')
    expect(await page.locator('table.health thead').textContent()).toContain('Skrip gagal dimuat')

    // The worst first: every silent row (the demo's sites, viewed days ago) before this site,
    // and within it the OPD not installed before the one that works.
    const rows = await page.locator('table.health tbody tr').allTextContents()
    const at = (text: string) => rows.findIndex((r) => r.includes(text))
    const lastSilent = Math.max(...rows.flatMap((r, i) => (r.includes('Senyap') ? [i] : [])))
    expect(lastSilent).toBeGreaterThanOrEqual(0)
    expect(at('Kabupaten Uji')).toBeGreaterThan(lastSilent)
    expect(at('Dinsos Uji')).toBeLessThan(at('Dinkes Uji'))
    await screenshot(page, 'dashboard-health-severity')

    await page.getByLabel('Hanya yang bermasalah').check()
    await expect.poll(() => page.locator('tr', { hasText: 'Dinkes Uji' }).count()).toBe(0)
    expect(await state('Dinsos Uji')).toContain('Belum terpasang')
    const opdStates = await page
      .locator('table.health tbody tr:not(.site-row) td.state')
      .allTextContents()
    expect(opdStates.length).toBeGreaterThan(0)
    expect(opdStates.filter((s) => s.startsWith('Baik'))).toEqual([])
    await screenshot(page, 'dashboard-health-troubled')
    expect(errors).toEqual([])
    await page.context().close()
  })
})
