import { describe, expect, inject, it } from 'vitest'
import { pageErrors, screenshot } from './chromium'
import { signedIn } from './dashboard-helpers'
import {
  container,
  hostPage,
  part,
  probeArticle,
  probeSession,
  waitForResults,
  widget,
} from './widget-probe'

// The optional comment (issue 7), end to end: a reader on a third-party page answers Tidak
// Puas, the comment box (its own lazily loaded chunk) appears, the comment goes out with an
// e-mail address and markup in it; the OPD reads it in the dashboard with the address removed
// and the markup as plain text.

const api = inject('baseUrl')
const TEXT =
  'Alamat kantor salah, balas ke budi.santoso@contoh.id <script>alert(1)</script> terima kasih'
const STORED = 'Alamat kantor salah, balas ke [dihapus] <script>alert(1)</script> terima kasih'
const session = probeSession()

describe('a reader’s comment', () => {
  it('is offered after Tidak Puas, loaded only then, sent, and shown escaped without personal data', async () => {
    const article = probeArticle('komentar')
    const url = session.probe.serve(
      '/komentar',
      hostPage(api, `<h1>Berita</h1>${container({ article, opd: 'rsud' })}`),
    )
    const context = await session.browser.newContext()
    const page = await context.newPage()
    const errors = pageErrors(page)
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    const scripts: string[] = []
    page.on(
      'request',
      (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname),
    )
    await page.goto(url)
    const w = widget(page)
    await waitForResults(w)
    // Before an answer, the comment box's code is not even downloaded.
    expect(scripts.filter((s) => s.includes('comment-'))).toEqual([])
    expect(await part(w, 'feedbackLink').isVisible()).toBe(false)

    await w.getByRole('radio', { name: /^Tidak Puas/ }).click()
    const box = w.getByRole('textbox', { name: 'Apa yang bisa kami perbaiki?' })
    await box.waitFor()
    expect(scripts.filter((s) => /^\/widget\/comment-[0-9a-f]{8}\.js$/.test(s))).toHaveLength(1)
    expect(await part(w, 'commentCounter').textContent()).toBe('0/500')
    expect(await w.getByRole('button', { name: 'Kirim' }).isDisabled()).toBe(true)

    // Typed at a person's pace: faster is dropped as scripted.
    await box.pressSequentially(TEXT, { delay: 60 })
    expect(await part(w, 'commentCounter').textContent()).toBe(`${[...TEXT].length}/500`)
    await screenshot(page, 'comments-widget-box')
    await w.getByRole('button', { name: 'Kirim' }).click()
    await w.getByText('Terima kasih, masukan Anda sudah kami terima.').waitFor()
    await screenshot(page, 'comments-widget-thanks')
    expect(errors).toEqual([])
    await context.close()

    const { page: dash, errors: dashErrors } = await signedIn(session.browser)
    dash.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await dash.goto(`${api}/dashboard#/opd/demo/rsud`)
    const mine = dash.locator('.comment').filter({ hasText: 'Alamat kantor salah' })
    await mine.waitFor()
    expect(await mine.locator('.comment-text').textContent()).toBe(STORED)
    expect(await mine.locator('.rating').textContent()).toBe('Tidak Puas')
    expect(await mine.locator('.comment-text script').count()).toBe(0)
    expect(await dash.content()).not.toContain('budi.santoso')
    await mine.scrollIntoViewIfNeeded()
    await screenshot(dash, 'comments-dashboard')

    // Followed up to «selesai», then hidden as spam: out of the list.
    await mine.locator('select[name=comment-follow-up]').selectOption('selesai')
    await expect.poll(() => mine.getAttribute('data-status')).toBe('selesai')
    await mine.getByRole('button', { name: /Sembunyikan/ }).click()
    await expect.poll(() => mine.count()).toBe(0)
    expect(dialogs).toEqual([])
    expect(dashErrors).toEqual([])
    await dash.context().close()
  })

  it('after a good answer offers a link, and loads the box only when it is opened', async () => {
    const article = probeArticle('komentar-tautan')
    const url = session.probe.serve(
      '/komentar-tautan',
      hostPage(api, container({ article, opd: 'rsud' })),
    )
    const context = await session.browser.newContext()
    const page = await context.newPage()
    const scripts: string[] = []
    page.on(
      'request',
      (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname),
    )
    await page.goto(url)
    const w = widget(page)
    await waitForResults(w)
    await w.getByRole('radio', { name: /^Sangat Puas/ }).click()
    const link = w.getByRole('button', { name: 'Beri masukan' })
    await link.waitFor()
    await page.waitForTimeout(600) // the bars' transition, for the screenshot
    await screenshot(page, 'comments-widget-link')
    expect(scripts.filter((s) => s.includes('comment-'))).toEqual([])
    expect(await w.locator('textarea').count()).toBe(0)

    await link.click()
    const box = w.getByRole('textbox', { name: 'Apa yang bisa kami perbaiki?' })
    await box.waitFor()
    // The box takes the focus the reader asked for, and the link gives way to it.
    expect(
      await box.evaluate(
        (el) =>
          el.getRootNode() instanceof ShadowRoot &&
          (el.getRootNode() as ShadowRoot).activeElement === el,
      ),
    ).toBe(true)
    expect(await link.isVisible()).toBe(false)
    await box.fill('x'.repeat(501))
    expect(await part(w, 'commentCounter').textContent()).toContain('501/500')
    expect(await w.getByRole('button', { name: 'Kirim' }).isDisabled()).toBe(true)
    await screenshot(page, 'comments-widget-too-long')
    await context.close()
  })
})
