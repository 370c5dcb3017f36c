import type { BrowserContextOptions, Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { RESERVED_HEIGHT } from '../../widget/reserved-height'
import { axeViolations, pageErrors, screenshot, SCREENSHOT_DIR } from './chromium'
import {
  container,
  hostPage,
  part,
  probeArticle,
  probeSession,
  waitForResults,
  widget,
} from './widget-probe'
import { apiFetch } from './local-api'

// The /demo article as a reader meets it, and what a careful webmaster checks: nothing loads
// before the end of the article nears, no layout shift, no console errors, no accessibility
// violations, and a box that looks right in light, dark, on a 320 px phone and at 200 % zoom.

const api = inject('baseUrl')
const session = probeSession()

/** The demo page, with its views kept out of the seeded demo figures other tests read. */
async function openDemo(options: BrowserContextOptions = {}) {
  const context = await session.browser.newContext({
    viewport: { width: 1280, height: 720 },
    ...options,
  })
  // The page view's request counts a view: answered here by GET /summary instead.
  await context.route('**/api/v1/visits', async (route) => {
    const { opd, article, reader } = JSON.parse(route.request().postData() ?? '{}')
    const query = new URLSearchParams({ opd, article, ...(reader ? { reader } : {}) })
    route.fulfill({
      response: await route.fetch({ url: `${api}/api/v1/summary?${query}`, method: 'GET' }),
    })
  })
  const page = await context.newPage()
  const errors = pageErrors(page)
  const requests: string[] = []
  page.on('request', (r) => requests.push(new URL(r.url()).pathname))
  await watchLayoutShift(page)
  await page.goto(`${api}/demo`)
  return { page, errors, requests, close: () => context.close() }
}

/** Sums the page's cumulative layout shift (not caused by input) from its first paint on. */
const watchLayoutShift = (page: Page) =>
  page.addInitScript(() => {
    const w = window as unknown as { layoutShift: number }
    w.layoutShift = 0
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as {
        value: number
        hadRecentInput: boolean
      }[]) {
        if (!e.hadRecentInput) w.layoutShift += e.value
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
const layoutShift = (page: Page) =>
  page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift)

/** Waits for bars to finish moving, so screenshots show the final state. */
const settle = (page: Page) => page.waitForTimeout(600)

async function widgetShot(page: Page, name: string) {
  await settle(page)
  await widget(page).screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` })
}

describe('the /demo article', () => {
  it('loads only widget.js until the reader nears the end, then the widget and its data', async () => {
    const { page, errors, requests, close } = await openDemo()
    await page.waitForLoadState('networkidle')
    expect(requests).toContain('/widget.js')
    expect(requests.filter((p) => p.startsWith('/widget/') || p.startsWith('/api/'))).toEqual([])
    expect(await widget(page).evaluate((el) => el.getBoundingClientRect().height)).toBe(
      RESERVED_HEIGHT,
    )

    await widget(page).scrollIntoViewIfNeeded()
    await waitForResults(widget(page))
    expect(requests.filter((p) => p.startsWith('/widget/app-'))).toHaveLength(1)
    expect(requests).toContain('/api/v1/visits')
    await settle(page)
    expect(await layoutShift(page)).toBe(0)
    expect(errors).toEqual([])
    await screenshot(page, 'demo-page')
    await widgetShot(page, 'widget-light')
    await close()
  })

  it('has no accessibility violations (axe-core), in light and in dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, close } = await openDemo({ colorScheme, bypassCSP: true })
      await widget(page).scrollIntoViewIfNeeded()
      await waitForResults(widget(page))
      await settle(page)
      expect(await axeViolations(page), colorScheme).toEqual([])
      if (colorScheme === 'dark') await widgetShot(page, 'widget-dark')
      await close()
    }
  })

  it('fits a 320 px phone and 200 % zoom without sideways scrolling or cut-off answers', async () => {
    for (const [name, viewport, deviceScaleFactor] of [
      ['widget-mobile-320', { width: 320, height: 640 }, 2],
      ['widget-zoom-200', { width: 640, height: 400 }, 2],
    ] as const) {
      const { page, errors, close } = await openDemo({
        viewport,
        deviceScaleFactor,
        isMobile: name.includes('mobile'),
      })
      await widget(page).scrollIntoViewIfNeeded()
      await waitForResults(widget(page))
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      )
      const w = widget(page)
      const cut = await part(w, 'question')
        .or(part(w, 'answerLabel'))
        .or(part(w, 'counts'))
        .evaluateAll((els) =>
          els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent),
        )
      expect(cut).toEqual([])
      const box = await part(widget(page), 'answer').nth(0).boundingBox()
      expect(box!.height).toBeGreaterThanOrEqual(44) // a comfortable touch target
      expect(await layoutShift(page)).toBe(0)
      expect(errors).toEqual([])
      await widgetShot(page, name)
      await close()
    }
  })

  it('respects prefers-reduced-motion', async () => {
    const { page, close } = await openDemo({ reducedMotion: 'reduce' })
    await widget(page).scrollIntoViewIfNeeded()
    await waitForResults(widget(page))
    expect(
      await part(widget(page), 'answerBarFill')
        .first()
        .evaluate((el) => getComputedStyle(el).transitionDuration),
    ).toBe('0s')
    await close()
  })
})

describe('a widget in the first screen of a page', () => {
  // An async script may run after the first paint; from the moment widget.js has reserved the
  // space (the shadow root exists), nothing may move. (docs/embedding.md: a site that shows the widget
  // in its first screen can reserve the height in its own CSS too.)
  it('shifts nothing below it once reserved, while it loads and answers; no axe violation', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1000, height: 900 } })
    const page = await context.newPage()
    const errors = pageErrors(page)
    await watchLayoutShift(page)
    const body = `<h1>Pengumuman</h1>${container({ article: probeArticle('atas') })}<p id="below">Teks di bawah widget.</p>`
    await page.goto(session.probe.serve('/atas', hostPage(api, body)))
    await page.waitForFunction(() => document.querySelector('[data-tanggapan]')!.shadowRoot)
    await page.waitForTimeout(100) // let the reservation's own shift, if any, be recorded
    const before = await page.locator('#below').boundingBox()
    const shiftBefore = await layoutShift(page)
    await waitForResults(widget(page))
    await settle(page)
    expect(await page.locator('#below').boundingBox()).toEqual(before)
    expect(await layoutShift(page)).toBe(shiftBefore)

    await widget(page)
      .getByRole('radio', { name: /Sangat Puas/ })
      .click()
    await part(widget(page), 'message').filter({ hasText: 'Terima kasih' }).waitFor()
    expect(await page.locator('#below').boundingBox()).toEqual(before)
    expect(await axeViolations(page)).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })
})

describe('the page view', () => {
  it('is one API request until the reader answers, sent while the chunk loads; the view counted once', async () => {
    const context = await session.browser.newContext({ viewport: { width: 1000, height: 700 } })
    const page = await context.newPage()
    const asked: { path: string; body: string | null }[] = []
    const loaded: string[] = []
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname
      if (path.startsWith('/api/')) asked.push({ path, body: r.postData() })
      if (path.startsWith('/api/') || path.startsWith('/widget/')) loaded.push(path)
    })
    const article = probeArticle('satu-permintaan')
    const body = `<h1>Berita panjang</h1><div style="height:3000px"></div>${container({ article })}<div style="height:2000px"></div>`
    await page.goto(session.probe.serve('/satu-permintaan', hostPage(api, body)))
    await page.waitForLoadState('networkidle')
    expect(asked).toEqual([])
    await widget(page).scrollIntoViewIfNeeded()
    await waitForResults(widget(page))
    expect(await part(widget(page), 'counts').textContent()).toMatch(/dilihat 1 kali/)
    // Scrolled away and back, and left a while: still the one request.
    await page.evaluate(() => scrollTo(0, 0))
    await page.waitForTimeout(200)
    await widget(page).scrollIntoViewIfNeeded()
    await page.waitForTimeout(500)
    expect(asked.map((a) => a.path)).toEqual(['/api/v1/visits'])
    // Sent before the chunk had arrived, not after it.
    expect(loaded.indexOf('/api/v1/visits')).toBeLessThan(
      loaded.findIndex((p) => p.startsWith('/widget/app-')),
    )
    expect(JSON.parse(asked[0].body!)).toMatchObject({
      opd: 'diskominfo',
      article,
      title: 'Berita uji',
    })

    // The reader answers: that is the second request, under the id the page view was counted with.
    await widget(page).getByRole('radio', { name: /Puas/ }).first().click()
    await part(widget(page), 'message').filter({ hasText: 'Terima kasih' }).waitFor()
    expect(asked.map((a) => a.path)).toEqual(['/api/v1/visits', '/api/v1/responses'])
    const summary = await (
      await apiFetch(`/api/v1/summary?${new URLSearchParams({ site: 'demo', article })}`)
    ).json()
    expect(summary).toMatchObject({ views: 1, total: 1 })

    // A second page load by the same reader the same day: one request again, no second view.
    await page.reload()
    await widget(page).scrollIntoViewIfNeeded()
    await waitForResults(widget(page))
    expect(asked.filter((a) => a.path === '/api/v1/visits')).toHaveLength(2)
    expect(JSON.parse(asked[2].body!).reader).toBe(JSON.parse(asked[1].body!).reader)
    expect(await part(widget(page), 'counts').textContent()).toMatch(/dilihat 1 kali/)
    await context.close()
  })
})
