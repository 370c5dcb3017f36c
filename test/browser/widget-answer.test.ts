import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { pageErrors, screenshot } from './chromium'
import {
  container,
  hostPage,
  part,
  percentagesOf,
  probeArticle,
  probeSession,
  sum,
  waitForResults,
  widget,
} from './widget-probe'
import { apiFetch } from './local-api'

// A reader answering: by click and by keyboard, changing the answer, a reload, a failing API
// and a lost connection. Each test has its own article, so counts start at zero.

const api = inject('baseUrl')
const session = probeSession()

async function openArticle(context: BrowserContext, name: string, article = probeArticle(name)) {
  const url = session.probe.serve(
    `/${name}`,
    hostPage(api, `<h1>Berita</h1><p><a href="#atas">Ke atas</a></p>${container({ article })}`),
  )
  const page = await context.newPage()
  const errors = pageErrors(page)
  await page.goto(url)
  await waitForResults(widget(page))
  return { page, errors, article }
}

const radio = (page: Page, name: RegExp) => widget(page).getByRole('radio', { name })

async function serverSummary(article: string, reader?: string) {
  const q = new URLSearchParams({ site: 'demo', article, ...(reader ? { reader } : {}) })
  return (await apiFetch(`/api/v1/summary?${q}`)).json()
}

describe('answering', () => {
  it('counts a click at once, marks it, and keeps it after a reload; a change moves it', async () => {
    const context = await session.browser.newContext()
    const { page, errors, article } = await openArticle(context, 'klik')
    const w = widget(page)
    // The figures include this reader's own view, counted by the same request.
    expect(await part(w, 'counts').textContent()).toBe('0 tanggapan · dilihat 1 kali')

    await radio(page, /^Puas/).click()
    await expect.poll(() => percentagesOf(w)).toEqual([0, 100, 0, 0])
    expect(await radio(page, /^Puas/).getAttribute('aria-checked')).toBe('true')
    expect(await part(w, 'message').textContent()).toBe('Terima kasih atas tanggapan Anda!')
    await expect
      .poll(() => part(w, 'counts').textContent())
      .toMatch(/^1 tanggapan · dilihat \d+ kali$/)
    await page.waitForTimeout(600) // the bars' transition, for the screenshot
    await screenshot(page, 'widget-answered')

    const reader = await page.evaluate(() => localStorage.getItem('tanggapan-reader'))
    expect((await serverSummary(article, reader!)).yours).toBe(3)

    await page.reload()
    await waitForResults(w)
    expect(await radio(page, /^Puas/).getAttribute('aria-checked')).toBe('true')

    await radio(page, /^Tidak Puas/).click()
    await expect.poll(() => radio(page, /^Tidak Puas/).getAttribute('aria-checked')).toBe('true')
    expect(await radio(page, /^Puas/).getAttribute('aria-checked')).toBe('false')
    expect(await percentagesOf(w)).toEqual([0, 0, 0, 100])
    await expect
      .poll(async () => (await serverSummary(article, reader!)).counts)
      .toEqual({
        sangat_puas: 0,
        puas: 0,
        cukup_puas: 0,
        tidak_puas: 1,
      })
    expect(errors).toEqual([])
    await context.close()
  })

  it('shows percentages that add up to 100 among other readers', async () => {
    const context = await session.browser.newContext()
    const article = probeArticle('banyak')
    // Three earlier readers, straight through the API.
    for (const rating of [4, 4, 2]) {
      await apiFetch(`/api/v1/responses`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          site: 'demo',
          opd: 'diskominfo',
          article,
          rating,
          reader: crypto.randomUUID(),
        }),
      })
    }
    const { page } = await openArticle(context, 'banyak', article)
    expect(await percentagesOf(widget(page))).toEqual([67, 0, 33, 0])
    await radio(page, /^Cukup Puas/).click()
    await expect.poll(() => percentagesOf(widget(page))).toEqual([50, 0, 50, 0])
    expect(sum(await percentagesOf(widget(page)))).toBe(100)
    expect(await part(widget(page), 'spoken').textContent()).toContain('Sangat Puas 50%')
    await context.close()
  })

  it('answers with the keyboard alone: Tab, arrows, Space or Enter', async () => {
    const context = await session.browser.newContext()
    const { page } = await openArticle(context, 'papan-ketik')
    await page.locator('a[href="#atas"]').focus()
    await page.keyboard.press('Tab')
    // The group is one Tab stop: the first answer while none is chosen.
    const focused = () =>
      page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent)
    expect(await focused()).toMatch(/Sangat Puas/)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect(await focused()).toMatch(/Cukup Puas/)
    // Visible focus: an outline on the focused answer.
    const outline = await part(widget(page), 'answer')
      .nth(2)
      .evaluate((el) => getComputedStyle(el).outlineStyle)
    expect(outline).toBe('solid')
    await page.keyboard.press('Space')
    await expect.poll(() => radio(page, /^Cukup Puas/).getAttribute('aria-checked')).toBe('true')
    await page.keyboard.press('ArrowUp')
    await page.keyboard.press('Enter')
    await expect.poll(() => radio(page, /^Puas/).getAttribute('aria-checked')).toBe('true')
    // Roving tabindex: only the chosen answer takes the Tab stop.
    expect(
      await widget(page)
        .locator('[role=radio]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('tabindex'))),
    ).toEqual(['-1', '0', '-1', '-1'])
    await context.close()
  })

  it('rolls back with a short message when the API fails, and answers on the next try', async () => {
    const context = await session.browser.newContext()
    const { page } = await openArticle(context, 'gagal')
    // The first answer must be confirmed before the API fails: the rollback goes back to
    // what the server last confirmed.
    const confirmed = page.waitForResponse((r) => r.url().endsWith('/api/v1/responses') && r.ok())
    await radio(page, /^Sangat Puas/).click()
    await (await confirmed).finished()
    await expect.poll(() => percentagesOf(widget(page))).toEqual([100, 0, 0, 0])

    await page.route('**/api/v1/responses', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: '{"error":{"code":"x","message":"x"}}',
      }),
    )
    await radio(page, /^Tidak Puas/).click()
    await expect
      .poll(() => part(widget(page), 'message').textContent())
      .toBe('Gagal terkirim. Silakan coba lagi.')
    expect(await percentagesOf(widget(page))).toEqual([100, 0, 0, 0])
    expect(await radio(page, /^Sangat Puas/).getAttribute('aria-checked')).toBe('true')
    expect(await part(widget(page), 'spoken').textContent()).toBe(
      'Gagal terkirim. Silakan coba lagi.',
    )

    await page.unroute('**/api/v1/responses')
    await radio(page, /^Tidak Puas/).click()
    await expect
      .poll(() => part(widget(page), 'message').textContent())
      .toBe('Terima kasih atas tanggapan Anda!')
    expect(await percentagesOf(widget(page))).toEqual([0, 0, 0, 100])
    await context.close()
  })

  it('keeps an answer given offline and sends it when the connection returns', async () => {
    const context = await session.browser.newContext()
    const { page, article } = await openArticle(context, 'luring')
    await context.setOffline(true)
    await radio(page, /^Puas/).click()
    await expect
      .poll(() => part(widget(page), 'message').textContent())
      .toBe('Offline: dikirim saat tersambung.')
    expect(await radio(page, /^Puas/).getAttribute('aria-checked')).toBe('true')
    expect((await serverSummary(article)).total).toBe(0)

    await context.setOffline(false)
    await expect
      .poll(() => part(widget(page), 'message').textContent())
      .toBe('Terima kasih atas tanggapan Anda!')
    expect((await serverSummary(article)).counts.puas).toBe(1)
    await context.close()
  })
})
