import { describe, expect, it } from 'vitest'
import { screenshot } from './chromium'
import { baseUrl, dashboardSession, openSiteCard } from './dashboard-helpers'
import { adminFetch } from './local-api'

const session = dashboardSession()

const send = async (method: string, path: string, body: unknown) => {
  const res = await adminFetch(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
}

describe('managing sites in the dashboard', () => {
  it('registers a site, adds an OPD, shows its embed code, merges and deletes OPDs, and makes an opd token that signs in', async () => {
    const { page, errors } = await session.signIn()
    await page.click('a[href="#/kelola"]')
    await page.fill('input[name=site-id]', 'grobogan')
    await page.fill('input[name=site-name]', 'Kabupaten Grobogan')
    await page.fill(
      'textarea[name=site-origins]',
      'https://grobogan.go.id\nhttps://dinkes.grobogan.go.id',
    )
    await page.click('form.panel button[type=submit]')
    await page.locator('.site-card[data-site=grobogan]').waitFor()
    const card = await openSiteCard(page, 'grobogan')
    expect(await card.locator('textarea[name=origins]').inputValue()).toBe(
      'https://dinkes.grobogan.go.id\nhttps://grobogan.go.id',
    )

    await card.locator('input[name=opd-slug]').fill('dinkes')
    await card.locator('input[name=opd-name]').fill('Dinas Kesehatan')
    await card.locator('form.inline button[type=submit]').click()
    await card.locator('td', { hasText: 'Dinas Kesehatan' }).waitFor()
    await card.locator('button', { hasText: 'Kode sematan' }).click()
    expect(await card.locator('.embed').textContent()).toBe(
      `<div data-tanggapan data-opd="dinkes" style="min-height:356px"><noscript>\n` +
        `<a href="${baseUrl()}/tanggapi?site=grobogan&opd=dinkes&article=URL_BERITA">Beri tanggapan / Give feedback</a>\n` +
        `</noscript></div>\n<script src="${baseUrl()}/widget.js" async></script>`,
    )

    // A slug typed wrong is merged into the right one; a junk slug is deleted.
    for (const junk of ['dinks', 'zzz-junk']) {
      await card.locator('input[name=opd-slug]').fill(junk)
      await card.locator('input[name=opd-name]').fill(junk)
      await card.locator('form.inline button[type=submit]').click()
      await card.locator('td code', { hasText: junk }).waitFor()
    }
    const row = (slug: string) =>
      card.locator('tr', { has: page.locator('code', { hasText: new RegExp(`^${slug}$`) }) })
    const slugs = () => card.locator('td code').allTextContents()
    // Neither can be undone: the first press asks «Yakin?», the second does it.
    await row('dinks').locator('select[name=merge-into]').selectOption('dinkes')
    const merge = row('dinks').locator('button', { hasText: 'Gabungkan' })
    await merge.click()
    await row('dinks').locator('.confirm-ask', { hasText: 'Yakin?' }).waitFor()
    await merge.click()
    await expect.poll(slugs).toEqual(['dinkes', 'zzz-junk'])
    await row('zzz-junk').locator('button.delete-opd').click()
    await row('zzz-junk').locator('.confirm-ask', { hasText: 'Yakin?' }).waitFor()
    await row('zzz-junk').locator('button.delete-opd').click()
    await expect.poll(slugs).toEqual(['dinkes'])

    await page.selectOption('select[name=role]', 'opd')
    await page.fill('input[name=token-site]', 'grobogan')
    await page.fill('input[name=token-opd]', 'dinkes')
    await page.fill('input[name=token-label]', 'Dinkes Grobogan')
    await page.click('button:has-text("Buat token")')
    const token = await page.locator('.made code').textContent()
    expect(token).toMatch(/^tgp_/)
    await page
      .locator('tr', { hasText: 'Dinkes Grobogan' })
      .locator('td', { hasText: 'grobogan/dinkes' })
      .waitFor()
    await screenshot(page, 'dashboard-manage')
    expect(errors).toEqual([])
    await page.context().close()

    // The new token reads its own OPD and nothing else.
    const { page: ownPage } = await session.signIn(token!)
    expect(await ownPage.$$eval('.opd-link', (l) => l.map((a) => a.textContent))).toEqual([
      'Dinas Kesehatan',
    ])
    expect(await ownPage.locator('a[href="#/kelola"]').count()).toBe(0)
    await screenshot(ownPage, 'dashboard-opd-token-overview')
    await ownPage.context().close()
  }, 90_000) // a long walk through the page: slow on a loaded 2-core machine, 6 s alone

  it('merges or deletes an OPD on no single press: «Gabungkan» and «Hapus» ask first, «Batal» lets it be', async () => {
    await send('POST', '/api/v1/admin/sites', { id: 'pati', name: 'Kabupaten Pati', origins: [] })
    for (const opd of ['dinsos', 'dinsosp3ak'])
      await send('PUT', `/api/v1/admin/sites/pati/opds/${opd}`, { name: opd })

    const { page, errors } = await session.signIn()
    const changes: string[] = []
    page.on('request', (r) => r.method() !== 'GET' && changes.push(`${r.method()} ${r.url()}`))
    await page.click('a[href="#/kelola"]')
    const card = await openSiteCard(page, 'pati')
    const row = (slug: string) =>
      card.locator('tr', { has: page.locator('code', { hasText: new RegExp(`^${slug}$`) }) })
    await row('dinsos').locator('select[name=merge-into]').selectOption('dinsosp3ak')
    await row('dinsos').locator('button', { hasText: 'Gabungkan' }).click()
    await row('dinsosp3ak').locator('button.delete-opd').click()
    expect(await card.locator('.confirm-ask', { hasText: 'Yakin?' }).count()).toBe(2)
    await screenshot(page, 'dashboard-manage-confirm')
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, 'dashboard-manage-confirm-390')
    await page.setViewportSize({ width: 1280, height: 900 })
    await row('dinsos').locator('button', { hasText: 'Batal' }).click()
    await expect.poll(() => row('dinsos').locator('.confirm-ask').count()).toBe(0)
    // A request sent by the presses would have left before this one, whose answer is awaited.
    await row('dinsos').locator('button', { hasText: 'Kode sematan' }).click()
    await card.locator('.embed').waitFor()
    expect(changes).toEqual([])
    expect(await card.locator('td code').allTextContents()).toEqual(['dinsos', 'dinsosp3ak'])
    expect(errors).toEqual([])
    await page.context().close()
  }, 60_000)

  it('finds sites by part of an OPD name, says how many it hides, and shows all again when cleared', async () => {
    // Ids after «demo» in order: pages that start on the first site (Publikasi, Notifikasi)
    // must keep starting on the demo site for the tests that run after this one.
    for (const id of ['uji-cari-a', 'uji-cari-b']) {
      await send('POST', '/api/v1/admin/sites', { id, name: `Kabupaten ${id}`, origins: [] })
      await send('PUT', `/api/v1/admin/sites/${id}/opds/dispertan`, {
        name: id === 'uji-cari-a' ? 'Dinas Pertanian Cepu Uji' : 'Dinas Pertanian',
      })
    }
    const { page, errors } = await session.signIn()
    await page.click('a[href="#/kelola"]')
    const cards = page.locator('.site-card')
    await page.locator('.site-card[data-site=uji-cari-b]').waitFor()
    const all = await cards.count()
    const visible = () =>
      page.$$eval('.site-card:not([hidden])', (l) =>
        l.map((c) => c.getAttribute('data-site')).sort(),
      )
    // Closed: a card shows its header line until it is opened.
    expect(await page.locator('.site-card[open]').count()).toBe(0)
    expect(await page.locator('.site-card textarea[name=origins]').count()).toBe(0)

    await page.fill('input[name=site-search]', 'pertanian CEPU')
    await expect.poll(visible).toEqual(['uji-cari-a'])
    const hidden = page.locator('.site-search [data-hidden]')
    expect(await hidden.getAttribute('data-hidden')).toBe(String(all - 1))
    expect(await hidden.textContent()).toContain(`${all - 1} dari ${all} situs disembunyikan`)
    await page.fill('input[name=site-search]', 'Dinas Pertanian')
    await expect.poll(visible).toEqual(['uji-cari-a', 'uji-cari-b'])

    await page.fill('input[name=site-search]', '')
    await expect.poll(() => page.locator('.site-card:not([hidden])').count()).toBe(all)
    expect(await hidden.count()).toBe(0)
    expect(errors).toEqual([])
    await page.context().close()
  }, 60_000)
})
