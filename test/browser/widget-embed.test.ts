import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { RESERVED_HEIGHT } from '../../widget/reserved-height'
import { pageErrors, screenshot } from './chromium'
import {
  container,
  hostPage,
  part,
  percentagesOf,
  probeArticle,
  probeSession,
  waitForResults,
  widget,
} from './widget-probe'
import { apiFetch } from './local-api'

// The widget on other people's pages: several at once, added late, hostile CSS, a strict CSP,
// English, results after answering, and an API that is down.

const api = inject('baseUrl')
const session = probeSession()

async function open(name: string, html: string, headers?: Record<string, string>, options = {}) {
  const context = await session.browser.newContext(options)
  const page = await context.newPage()
  const errors = pageErrors(page)
  await page.goto(session.probe.serve(`/${name}`, html, headers))
  return { page, errors, close: () => context.close() }
}

/** Nothing in the shadow DOM that a CSP without 'unsafe-inline' would refuse. */
async function inlineStyles(page: Page) {
  return page.evaluate(
    () =>
      Array.from(document.querySelectorAll('[data-tanggapan]')).flatMap((host) =>
        Array.from(host.shadowRoot!.querySelectorAll('style, [style]')),
      ).length,
  )
}

describe('the widget on a host page', () => {
  it('mounts two widgets for two articles, each with its own answers', async () => {
    const [a, b] = [probeArticle('dua-a'), probeArticle('dua-b')]
    const { page, errors, close } = await open(
      'dua',
      hostPage(api, container({ article: a }) + '<p>Di antara</p>' + container({ article: b })),
    )
    await waitForResults(widget(page, 0))
    await waitForResults(widget(page, 1))
    await widget(page, 1)
      .getByRole('radio', { name: /Tidak Puas/ })
      .click()
    await expect.poll(() => percentagesOf(widget(page, 1))).toEqual([0, 0, 0, 100])
    expect(await percentagesOf(widget(page, 0))).toEqual([0, 0, 0, 0])
    expect(await part(widget(page, 0), 'counts').textContent()).toMatch(/^0 tanggapan/)
    // Ids inside one shadow root do not clash with the other's.
    expect(
      await widget(page, 0).getByRole('radiogroup', { name: 'Bagaimana Tanggapan Anda?' }).count(),
    ).toBe(1)
    await page.waitForTimeout(600) // the bars' transition, for the screenshot
    await screenshot(page, 'widget-two-widgets')
    expect(errors).toEqual([])
    await close()
  })

  it('mounts a container a single-page site adds later', async () => {
    const article = probeArticle('nanti')
    const { page, errors, close } = await open(
      'nanti',
      hostPage(api, '<div id="app">Memuat…</div>'),
    )
    await page.waitForFunction(() => document.querySelector('script[src$="widget.js"]'))
    await page.waitForTimeout(300)
    await page.evaluate((html) => {
      document.getElementById('app')!.innerHTML = html
    }, container({ article }))
    await waitForResults(widget(page))
    expect(await widget(page).getByRole('radio').count()).toBe(4)
    expect(errors).toEqual([])
    await close()
  })

  it('is light on a reader’s dark device unless the page asks for dark or auto', async () => {
    const themes = [undefined, 'light', 'auto', 'dark']
    const body = themes
      .map((theme) => container({ article: probeArticle('tema'), theme }))
      .join('<p>Di antara</p>')
    const backgrounds = async (colorScheme: 'light' | 'dark') => {
      const { page, errors, close } = await open('tema', hostPage(api, body), {}, { colorScheme })
      const seen = []
      for (const [i] of themes.entries()) {
        const w = widget(page, i)
        await w.scrollIntoViewIfNeeded()
        await waitForResults(w)
        seen.push(await part(w, 'box').evaluate((el) => getComputedStyle(el).backgroundColor))
      }
      if (colorScheme === 'dark') await screenshot(page, 'widget-themes-on-dark-device')
      expect(errors).toEqual([])
      await close()
      return seen
    }
    const [light, dark] = ['rgb(255, 255, 255)', 'rgb(22, 27, 34)']
    // No data-theme, light, auto, dark:
    expect(await backgrounds('dark')).toEqual([light, light, dark, dark])
    expect(await backgrounds('light')).toEqual([light, light, light, dark])
  })

  it('looks and works the same under hostile global CSS', async () => {
    const hostile = `<style>* { all: unset } button { display: none } p, span { font-size: 4px !important; color: red }
      div { line-height: 0 } [role=radio] { visibility: hidden }</style>`
    const { page, errors, close } = await open(
      'galak',
      hostPage(api, container({ article: probeArticle('galak') }), hostile),
    )
    await waitForResults(widget(page))
    const w = widget(page)
    const box = await w.boundingBox()
    expect(box!.height).toBe(RESERVED_HEIGHT)
    const label = part(w, 'answerLabel').first()
    expect(await label.isVisible()).toBe(true)
    expect(await label.evaluate((el) => getComputedStyle(el).fontSize)).toBe('15px')
    expect(await part(w, 'question').evaluate((el) => getComputedStyle(el).fontSize)).toBe('18px')
    await w.getByRole('radio', { name: /Sangat Puas/ }).click()
    await expect.poll(() => percentagesOf(w)).toEqual([100, 0, 0, 0])
    await page.waitForTimeout(600)
    await screenshot(page, 'widget-hostile-css')
    expect(errors).toEqual([])
    await close()
  })

  it('works under a strict CSP without unsafe-inline, and uses no inline style', async () => {
    const csp = `default-src 'self'; script-src ${api}; connect-src ${api}; style-src 'self'; img-src 'self'`
    const { page, errors, close } = await open(
      'csp',
      hostPage(api, container({ article: probeArticle('csp') })),
      {
        'Content-Security-Policy': csp,
      },
    )
    const violations: string[] = []
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v))
    await page.evaluate(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation(v: string): void }).reportViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      ),
    )
    await waitForResults(widget(page))
    await widget(page)
      .getByRole('radio', { name: /Sangat Puas/ })
      .click()
    await expect.poll(() => percentagesOf(widget(page))).toEqual([100, 0, 0, 0])
    expect(await inlineStyles(page)).toBe(0)
    expect(violations).toEqual([])
    expect(errors).toEqual([])
    await close()
  })

  it('speaks English with data-lang="en"', async () => {
    const { page, close } = await open(
      'en',
      hostPage(api, container({ article: probeArticle('en'), lang: 'en' })),
    )
    await waitForResults(widget(page))
    const w = widget(page)
    expect(await part(w, 'question').textContent()).toBe('What is your response?')
    expect(await part(w, 'answerLabel').allTextContents()).toEqual([
      'Very satisfied',
      'Satisfied',
      'Fairly satisfied',
      'Not satisfied',
    ])
    await w.getByRole('radio', { name: /^\W*Satisfied/ }).click()
    await expect.poll(() => part(w, 'counts').textContent()).toMatch(/^1 response · \d+ views?$/)
    expect(await part(w, 'message').textContent()).toBe('Thank you for your response!')
    expect(await part(w, 'box').getAttribute('lang')).toBe('en')
    await close()
  })

  it('hides the results until the reader answers with data-results="after"', async () => {
    const article = probeArticle('setelah')
    await apiFetch(`/api/v1/responses`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        site: 'demo',
        opd: 'diskominfo',
        article,
        rating: 1,
        reader: crypto.randomUUID(),
      }),
    })
    const { page, close } = await open(
      'setelah',
      hostPage(api, container({ article, results: 'after' })),
    )
    const w = widget(page)
    await part(w, 'message').filter({ hasText: 'Hasil tampil setelah Anda menjawab.' }).waitFor()
    expect(await part(w, 'answerPercent').allTextContents()).toEqual(['', '', '', ''])
    expect(await part(w, 'counts').textContent()).not.toMatch(/tanggapan/)
    expect(await part(w, 'answerBar').first().isVisible()).toBe(false)
    await w.getByRole('radio', { name: /Sangat Puas/ }).click()
    await expect.poll(() => percentagesOf(w)).toEqual([50, 0, 0, 50])
    expect(await part(w, 'counts').textContent()).toMatch(/^2 tanggapan/)
    await close()
  })

  it('says so calmly when the API is down, and leaves the host page working', async () => {
    const body = `<button id="host">Tombol situs</button><output id="count">0</output>${container({ article: probeArticle('mati') })}`
    const script = `<script>document.getElementById('host').onclick = () => document.getElementById('count').textContent++</script>`
    const context = await session.browser.newContext()
    await context.route('**/api/v1/**', (route) => route.abort('connectionrefused'))
    const page = await context.newPage()
    const uncaught: string[] = []
    page.on('pageerror', (e) => uncaught.push(e.message))
    await page.goto(session.probe.serve('/mati', hostPage(api, body + script)))
    const w = widget(page)
    await part(w, 'message').filter({ hasText: 'Hasil belum dapat dimuat.' }).waitFor()
    await w.getByRole('radio', { name: /Sangat Puas/ }).click()
    await expect
      .poll(() => part(w, 'message').textContent())
      .toBe('Gagal terkirim. Silakan coba lagi.')
    expect(await w.getByRole('radio', { name: /Sangat Puas/ }).getAttribute('aria-checked')).toBe(
      'false',
    )
    await page.click('#host')
    expect(await page.textContent('#count')).toBe('1')
    expect(uncaught).toEqual([])
    await context.close()
  })

  it('leaves the host page alone when even widget.js cannot be reached', async () => {
    const body = `<button id="host">Tombol situs</button><output id="count">0</output>${container({ article: probeArticle('hilang') })}`
    const script = `<script>document.getElementById('host').onclick = () => document.getElementById('count').textContent++</script>`
    const { page, close } = await open('hilang', hostPage('http://127.0.0.1:9', body + script))
    const uncaught: string[] = []
    page.on('pageerror', (e) => uncaught.push(e.message))
    await page.click('#host')
    expect(await page.textContent('#count')).toBe('1')
    expect(await widget(page).evaluate((el) => el.getBoundingClientRect().height)).toBe(0)
    expect(uncaught).toEqual([])
    await close()
  })
})
