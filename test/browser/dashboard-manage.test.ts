import { describe, expect, it } from 'vitest'
import { axeViolations, screenshot } from './chromium'
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
    // Neither can be undone: each is confirmed in a dialog, the OPD's name typed.
    await row('dinks').locator('select[name=merge-into]').selectOption('dinkes')
    await row('dinks').locator('button', { hasText: 'Gabungkan' }).click()
    const merging = page.getByRole('dialog', { name: 'Gabungkan dinks ke Dinas Kesehatan?' })
    await merging.getByRole('textbox').fill('dinks')
    await merging.locator('button.danger').click()
    await expect.poll(slugs).toEqual(['dinkes', 'zzz-junk'])
    await row('zzz-junk').locator('button.delete-opd').click()
    const deleting = page.getByRole('dialog', { name: 'Hapus zzz-junk?' })
    expect(await deleting.locator('.confirm-numbers').textContent()).toContain(
      'zzz-junk dihapus beserta 0 berita (tanpa tanggapan) dan webhook-nya; 0 layanannya dihentikan.',
    )
    await deleting.getByRole('textbox').fill('zzz-junk')
    await deleting.locator('button.danger').click()
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

  it('merges or deletes an OPD on no single press: a dialog says what goes, «Batal» and Escape let it be', async () => {
    await send('POST', '/api/v1/admin/sites', { id: 'pati', name: 'Kabupaten Pati', origins: [] })
    for (const [opd, name] of [
      ['dinsos', 'Dinas Sosial'],
      ['dinsosp3ak', 'Dinas Sosial P3AK'],
    ])
      await send('PUT', `/api/v1/admin/sites/pati/opds/${opd}`, { name })
    await send('PUT', '/api/v1/admin/sites/pati/opds/dinsos/services/bansos', {
      name: 'Bantuan Sosial',
    })

    const { page, errors } = await session.signIn()
    const changes: string[] = []
    page.on('request', (r) => r.method() !== 'GET' && changes.push(`${r.method()} ${r.url()}`))
    await page.click('a[href="#/kelola"]')
    const card = await openSiteCard(page, 'pati')
    const row = (slug: string) =>
      card.locator('tr', { has: page.locator('code', { hasText: new RegExp(`^${slug}$`) }) })
    // «Gabungkan» waits for a target; then it asks, by the OPDs' names.
    const merge = row('dinsos').locator('button', { hasText: 'Gabungkan' })
    expect(await merge.isDisabled()).toBe(true)
    await row('dinsos').locator('select[name=merge-into]').selectOption('dinsosp3ak')
    await merge.click()
    const merging = page.getByRole('dialog', {
      name: 'Gabungkan Dinas Sosial ke Dinas Sosial P3AK?',
    })
    await merging.locator('.confirm-numbers').waitFor()
    expect(await merging.locator('.confirm-numbers').textContent()).toContain(
      '0 tanggapan, 0 berita dan 1 layanan Dinas Sosial akan dipindahkan ke Dinas Sosial P3AK.',
    )
    await merging.getByRole('button', { name: 'Batal' }).click()
    await expect.poll(() => merging.count()).toBe(0)
    // Focus is back on the button that opened it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('GabungkanMerge')

    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 })
      await row('dinsosp3ak').locator('button.delete-opd').click()
      const deleting = page.getByRole('dialog', { name: 'Hapus Dinas Sosial P3AK?' })
      await deleting.locator('.confirm-numbers').waitFor()
      const typed = deleting.getByRole('textbox', { name: 'Ketik Dinas Sosial P3AK', exact: false })
      await typed.fill('Dinas Sosial')
      expect(await deleting.locator('button.danger').isDisabled()).toBe(true)
      expect(await axeViolations(page)).toEqual([])
      await page.screenshot({ path: `/tmp/confirm-delete-${width}.png` })
      await page.keyboard.press('Escape')
      await expect.poll(() => deleting.count()).toBe(0)
    }
    await page.setViewportSize({ width: 1280, height: 900 })
    // A request sent by the presses would have left before this one, whose answer is awaited.
    await row('dinsos').locator('button', { hasText: 'Kode sematan' }).click()
    await card.locator('.embed').waitFor()
    expect(changes).toEqual([])
    expect(await card.locator('tr:has(.opd-cleanup) td code').allTextContents()).toEqual([
      'dinsos',
      'dinsosp3ak',
    ])
    expect(errors).toEqual([])
    await page.context().close()
  }, 60_000)

  it('asks before saving an origin list that leaves origins out, and says when none is left', async () => {
    const origins = ['https://uji-origin.go.id', 'https://www.uji-origin.go.id']
    await send('POST', '/api/v1/admin/sites', { id: 'uji-origin', name: 'Kota Origin', origins })
    const saved = async () =>
      (
        (await (await adminFetch('/api/v1/admin/sites')).json()) as {
          sites: { id: string; origins: string[] }[]
        }
      ).sites.find((s) => s.id === 'uji-origin')?.origins

    const { page, errors } = await session.signIn()
    await page.click('a[href="#/kelola"]')
    const card = await openSiteCard(page, 'uji-origin')
    const field = card.locator('textarea[name=origins]')
    const save = card.locator('button', { hasText: 'Simpan origin' })
    const dialog = page.getByRole('dialog', { name: 'Hapus', exact: false })

    // One left out: the dialog names it; «Batal» sends nothing.
    await field.fill(origins[0])
    await save.click()
    expect(await dialog.locator('.confirm-numbers').textContent()).toContain(
      '1 origin dihapus; widget di alamat ini berhenti menjawab:',
    )
    expect(await dialog.locator('li').allTextContents()).toEqual([origins[1]])
    await dialog.getByRole('button', { name: 'Batal' }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    expect(await saved()).toEqual(origins)
    // Confirmed, it is saved.
    await save.click()
    await dialog.locator('button.danger').click()
    await card.getByText('Origin Kota Origin disimpan (1)').waitFor()
    expect(await saved()).toEqual([origins[0]])
    // The card draws the saved list again once the sites are read back: edit after that.
    await expect.poll(() => field.inputValue()).toBe(origins[0])

    // None left: every widget of the site stops.
    await field.fill('')
    await save.click()
    await dialog.waitFor()
    expect(await dialog.locator('.confirm-numbers').textContent()).toContain(
      'Tidak ada origin tersisa: setiap widget situs ini berhenti menjawab.',
    )
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 })
      expect(await axeViolations(page)).toEqual([])
      await page.screenshot({ path: `/tmp/confirm-origins-${width}.png` })
    }
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    expect(await saved()).toEqual([origins[0]])
    // A list that only adds asks nothing.
    await field.fill(origins.join('\n'))
    await save.click()
    await card.getByText('Origin Kota Origin disimpan (2)').waitFor()
    expect(await saved()).toEqual(origins)
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
