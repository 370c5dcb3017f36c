import { describe, expect, inject, it } from 'vitest'
import { pageErrors, SCREENSHOT_DIR, screenshot } from './chromium'
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
import { adminFetch, apiFetch } from './local-api'

// «Apa yang kurang?» and «Tanggapan OPD» (issue 14) in a real page: after Tidak Puas the chips
// of the lazily loaded comment chunk toggle by click and by keyboard and reach the statistics;
// an OPD's public reply is shown under the box as text, markup and all, with its date in words;
// on a phone the chips pair up.

const api = inject('baseUrl')
const session = probeSession()
const REPLY = 'Terima kasih, sudah kami perbaiki <img src=x onerror=alert(1)>'

async function apiJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await adminFetch(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  expect(res.status, `${method} ${path}`).toBeLessThan(300)
  return (res.status === 204 ? null : await res.json()) as T
}

/** The article's row of /stats/articles: its reason counts. */
async function reasonsOf(article: string) {
  const { rows } = await apiJson<{
    rows: { article: string; reasons: Record<string, number> }[]
  }>('GET', `/api/v1/stats/articles?site=demo&opd=rsud&sort=responses&limit=1000`)
  return rows.find((r) => r.article === article)?.reasons
}

describe('reasons and public replies in the widget', () => {
  it('offers the chips after Tidak Puas, toggles them by click and keyboard, and counts them', {
    timeout: 90_000,
  }, async () => {
    const article = probeArticle('alasan')
    const url = session.probe.serve('/alasan', hostPage(api, container({ article, opd: 'rsud' })))
    const context = await session.browser.newContext()
    const page = await context.newPage()
    const errors = pageErrors(page)
    await page.goto(url)
    const w = widget(page)
    await waitForResults(w)
    expect(await w.getByRole('group', { name: 'Apa yang kurang?' }).count()).toBe(0)

    await w.getByRole('radio', { name: /^Tidak Puas/ }).click()
    const group = w.getByRole('group', { name: 'Apa yang kurang?' })
    await group.waitFor()
    const chips = group.getByRole('button')
    expect(await chips.allTextContents()).toEqual([
      'Informasi kurang lengkap',
      'Informasi tidak akurat',
      'Sulit dipahami',
      'Informasi terlambat',
      'Tautan atau berkas rusak',
      'Lainnya',
    ])
    const accurate = group.getByRole('button', { name: 'Informasi tidak akurat' })
    await accurate.click()
    expect(await accurate.getAttribute('aria-pressed')).toBe('true')
    // Keyboard: the next chip by Tab, pressed with Space, the one after with Enter.
    await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    const pressed = () =>
      group.locator('button[aria-pressed=true]').allTextContents() as Promise<string[]>
    expect(await pressed()).toEqual([
      'Informasi tidak akurat',
      'Sulit dipahami',
      'Informasi terlambat',
    ])
    // And off again with the keyboard: Shift+Tab back to «Sulit dipahami», Space.
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Space')
    expect(await pressed()).toEqual(['Informasi tidak akurat', 'Informasi terlambat'])
    await group.getByText('Tersimpan. Terima kasih.').waitFor()
    await screenshot(page, 'reasons-widget-chips')
    await expect
      .poll(() => reasonsOf(article))
      .toMatchObject({ tidak_akurat: 1, terlambat: 1, sulit_dipahami: 0 })

    // A better answer hides the chips (what was given stays counted, docs/comments.md «Reasons»).
    await w.getByRole('radio', { name: /^Sangat Puas/ }).click()
    await expect.poll(() => group.isVisible()).toBe(false)
    expect(errors).toEqual([])
    await context.close()

    // The OPD page draws them: a bar per reason, and a line per article.
    const { page: dash, errors: dashErrors } = await signedIn(session.browser)
    await dash.goto(`${api}/dashboard#/opd/demo/rsud`)
    const bars = dash.locator('.reason-bars')
    await bars.waitFor()
    expect(await bars.locator('li').count()).toBe(6)
    const value = (key: string) =>
      bars.locator(`[data-reason=${key}] meter`).evaluate((m) => (m as HTMLMeterElement).value)
    expect(await value('tidak_akurat')).toBeGreaterThanOrEqual(1)
    await dash.locator('tr', { hasText: article }).locator('.reason-line').waitFor()
    expect(
      await dash.locator('tr', { hasText: article }).locator('.reason-line').textContent(),
    ).toBe('Informasi tidak akurat 1 · Informasi terlambat 1')
    await bars.scrollIntoViewIfNeeded()
    await screenshot(dash, 'reasons-dashboard')
    expect(dashErrors).toEqual([])
    await dash.context().close()
  })

  it('on a 390 px phone, pairs the chips up and leaves no empty gap under the answers', async () => {
    // A pemda page's usual phone layout: 16 px either side of the article.
    const body = `<style>body { margin: 16px }</style>${container({ article: probeArticle('hp'), opd: 'rsud' })}`
    const url = session.probe.serve('/hp', hostPage(api, body))
    for (const [name, width] of [
      ['reasons-widget-390', 390],
      ['reasons-widget-desktop', 1280],
    ] as const) {
      const context = await session.browser.newContext({
        viewport: { width, height: 900 },
        isMobile: width < 500,
        deviceScaleFactor: 2,
      })
      const page = await context.newPage()
      const errors = pageErrors(page)
      await page.goto(url)
      const w = widget(page)
      await waitForResults(w)
      await w.getByRole('radio', { name: /^Cukup Puas/ }).click()
      const chips = w.getByRole('group', { name: 'Apa yang kurang?' }).getByRole('button')
      await chips.first().waitFor()
      const rows = new Set(
        await chips.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top))),
      )
      expect(rows.size, name).toBeLessThanOrEqual(3) // six chips; one to a line was six rows
      // The answers, the counts and the message follow each other; the box ends with them.
      const [lastAnswer, counts, message, box] = await Promise.all(
        [part(w, 'answer').last(), part(w, 'counts'), part(w, 'message'), part(w, 'box')].map((l) =>
          l.boundingBox(),
        ),
      )
      expect(counts!.y - (lastAnswer!.y + lastAnswer!.height), name).toBeLessThanOrEqual(1)
      expect(counts!.y + counts!.height, name).toBeCloseTo(message!.y, 0)
      // Below the message only the box's padding and border.
      expect(box!.y + box!.height - (message!.y + message!.height), name).toBeLessThanOrEqual(17)
      await page.waitForTimeout(600) // the bars' transition
      await w.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` })
      expect(errors).toEqual([])
      await context.close()
    }
  })

  it('shows an article’s public replies as text under the box', async () => {
    const article = probeArticle('balasan')
    const url = session.probe.serve('/balasan', hostPage(api, container({ article, opd: 'rsud' })))
    // A reader answered and commented earlier; the OPD replied with markup in its text.
    const reader = crypto.randomUUID()
    const site = { site: 'demo', opd: 'rsud', article, reader }
    await apiFetch(`/api/v1/responses`, {
      method: 'POST',
      body: JSON.stringify({ ...site, rating: 1, title: 'Berita uji' }),
    })
    const sent = await apiFetch(`/api/v1/comments`, {
      method: 'POST',
      body: JSON.stringify({ ...site, text: 'Jadwal dokter tidak ada', elapsed_ms: 30_000 }),
    })
    expect(sent.status).toBe(204)
    const { rows } = await apiJson<{ rows: { id: number }[] }>(
      'GET',
      `/api/v1/stats/comments?site=demo&article=${encodeURIComponent(article)}`,
    )
    await apiJson('PATCH', `/api/v1/admin/comments/${rows[0].id}`, {
      status: 'selesai',
      reply: REPLY,
      note: 'catatan internal',
    })

    const context = await session.browser.newContext()
    const page = await context.newPage()
    const errors = pageErrors(page)
    const dialogs: string[] = []
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.dismiss()
    })
    await page.goto(url)
    const w = widget(page)
    await waitForResults(w)
    await w.getByRole('radio', { name: /^Cukup Puas/ }).click()
    const replies = w.getByRole('region', { name: 'Tanggapan OPD' })
    await replies.waitFor()
    expect(await replies.locator('blockquote p').textContent()).toBe(REPLY)
    // The day as readers write it (whichever day the test runs on), not 2026-12-07.
    expect(await replies.locator('blockquote small').textContent()).toMatch(
      /^\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}$/,
    )
    expect(await replies.locator('img').count()).toBe(0)
    expect(await w.locator('img').count()).toBe(0)
    expect(await page.content()).not.toContain('catatan internal')
    await replies.scrollIntoViewIfNeeded()
    await page.waitForTimeout(300)
    await screenshot(page, 'reasons-widget-replies')
    expect(dialogs).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })
})
