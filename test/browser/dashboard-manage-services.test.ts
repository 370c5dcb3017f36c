import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations } from './chromium'
import { dashboardSession, openSiteCard } from './dashboard-helpers'
import { adminFetch } from './local-api'

// «Kelola» (issue 28 point 7, issue 31 point 1): a site's region picked by typing a name, an
// OPD's category, and the survey's services created, renamed and retired after a confirmation,
// each success named on screen; the page fits a phone and axe finds nothing.

const session = dashboardSession()

async function send(method: string, path: string, body: unknown) {
  const res = await adminFetch(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

/** How far the page itself scrolls sideways: 0 when everything fits the window. */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - innerWidth)

/** Screenshots of this task go outside the repository. */
const shot = (page: Page, name: string) =>
  page.locator('.site-card[data-site=wonogiri]').screenshot({ path: `/tmp/manage-${name}.png` })

// The token section below the cards is another change's (its table's blank header included).
const MANAGED = ['form.panel', '.site-card']

describe('«Kelola»: region, category and services', () => {
  it('sets a region by name, files an OPD, and creates, renames and retires a service', async () => {
    await send('POST', '/api/v1/admin/sites', {
      id: 'wonogiri',
      name: 'Pemerintah Kabupaten Wonogiri',
      origins: [],
    })
    await send('PUT', '/api/v1/admin/sites/wonogiri/opds/humas', {
      name: 'Bagian Humas dan Protokol',
    })
    await send('PUT', '/api/v1/admin/sites/wonogiri/opds/dinkes', { name: 'Dinas Kesehatan' })

    const { page, errors } = await session.signIn()
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.click('a[href="#/kelola"]')
    const card = await openSiteCard(page, 'wonogiri')
    // Every success line of the card, as one text: the one just shown is among them.
    const done = {
      textContent: async () => (await card.locator('.done').allTextContents()).join(' | '),
    }

    // The region: a few letters of its name, then the match.
    await card.locator('.site-region summary').click()
    await card.locator('input[name="region-wonogiri-search"]').fill('wonog')
    await card.locator('.region-matches button', { hasText: 'Kabupaten Wonogiri' }).click()
    await card.locator('.site-region button[type=submit]').click()
    await expect
      .poll(() => done.textContent())
      .toContain('Wilayah Pemerintah Kabupaten Wonogiri: Kabupaten Wonogiri, Jawa Tengah')
    const sites = (await (await adminFetch('/api/v1/admin/sites/wonogiri')).json()) as {
      region: string
    }
    expect(sites.region).toBe('33.12')

    // The category: the one the name suggests is marked, another is chosen.
    const humas = card.locator('tr', { has: page.locator('td code', { hasText: /^humas$/ }) })
    const category = humas.locator('select[name=opd-category]')
    expect(await category.inputValue()).toBe('sekretariat-daerah')
    expect(await category.locator('option:checked').textContent()).toContain('saran dari nama')
    await category.selectOption('kominfo')
    await humas.locator('.opd-category button[type=submit]').click()
    await expect
      .poll(() => done.textContent())
      .toContain('Kategori Bagian Humas dan Protokol: Komunikasi dan Informatika (Diskominfo)')

    // The embed code says what goes in its blanks: the page's canonical address.
    await humas.locator('button', { hasText: 'Kode sematan' }).click()
    const help = card.locator('.embed-help')
    await help.waitFor()
    expect(await help.locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^Ganti URL_BERITA dengan alamat kanonik halaman berita itu/),
      expect.stringMatching(/^Opsional: data-article="…" .* alamat kanonik halaman yang sama/),
    ])
    await help.screenshot({ path: '/tmp/manage-embed-help.png' })

    // A service: created, with its survey page, QR code and poster.
    const services = card.locator('.services')
    await services.locator('select[name=service-opd]').selectOption('dinkes')
    await services.locator('input[name=service-slug]').fill('surat-sehat')
    await services.locator('input[name=service-name]').fill('Surat Keterangan Sehat')
    await services.locator('input[name=service-population]').fill('500')
    await services.locator('button[type=submit]').click()
    await expect
      .poll(() => services.locator('.done').textContent())
      .toContain('Layanan «Surat Keterangan Sehat» dibuat untuk Dinas Kesehatan')
    const row = services.locator('tr[data-service=surat-sehat]')
    const hrefs = () => row.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    await expect
      .poll(hrefs)
      .toEqual([
        '/skm/wonogiri/surat-sehat',
        '/skm/wonogiri/surat-sehat/qr.svg',
        '/skm/wonogiri/surat-sehat/poster',
      ])
    expect(await row.textContent()).toContain('500')

    // Renamed through «Ubah».
    await row.locator('button', { hasText: 'Ubah' }).click()
    expect(await services.locator('input[name=service-slug]').inputValue()).toBe('surat-sehat')
    await services.locator('input[name=service-name]').fill('Surat Sehat')
    await services.locator('button[type=submit]').click()
    await expect
      .poll(() => services.locator('.done').textContent())
      .toContain('Layanan «Surat Sehat» disimpan')
    await row.locator('td', { hasText: 'Surat Sehat' }).first().waitFor()

    // Retired only once confirmed in the dialog: «Batal» first, and nothing is sent.
    const changes: string[] = []
    page.on('request', (r) => r.method() !== 'GET' && changes.push(`${r.method()} ${r.url()}`))
    const retire = row.locator('button.retire-service')
    const dialog = page.getByRole('dialog', { name: 'Hentikan layanan «Surat Sehat»?' })
    await retire.click()
    expect(await dialog.textContent()).toContain(
      '«Surat Sehat» (Dinas Kesehatan) berhenti menerima jawaban; jawaban yang ada tetap terhitung.',
    )
    await shot(page, 'retire-asking-1366')
    await dialog.getByRole('button', { name: 'Batal' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    expect(changes).toEqual([])
    expect(await row.locator('a').count()).toBe(3)
    await retire.click()
    await dialog.getByRole('button', { name: 'Hentikan layanan' }).click()
    await expect
      .poll(() => services.locator('.done').textContent())
      .toContain('Layanan «Surat Sehat» dihentikan')
    await expect.poll(() => row.textContent()).toContain('dihentikan')
    expect(await row.locator('a').count()).toBe(0)
    expect(changes).toHaveLength(1)

    // Each change is in the audit log.
    const audit = (await (await adminFetch('/api/v1/admin/audit?site=wonogiri')).json()) as {
      rows: { action: string; target: string }[]
    }
    expect(audit.rows.filter((r) => r.action.startsWith('service.'))).toMatchObject([
      { action: 'service.retire', target: 'dinkes/surat-sehat' },
      { action: 'service.save', target: 'dinkes/surat-sehat' },
      { action: 'service.save', target: 'dinkes/surat-sehat' },
    ])

    await shot(page, 'kelola-1366')
    expect(await sideways(page)).toBe(0)
    expect(await axeViolations(page, MANAGED)).toEqual([])
    await page.setViewportSize({ width: 390, height: 844 })
    await card.scrollIntoViewIfNeeded()
    expect(await sideways(page)).toBe(0)
    expect(await axeViolations(page, MANAGED)).toEqual([])
    await shot(page, 'kelola-390')
    expect(errors).toEqual([])
    await page.context().close()
  }, 90_000)
})
