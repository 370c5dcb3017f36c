import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { ARTICLE_PLACEHOLDER, embedSnippet } from '../../worker/domain/embedding/embed-snippet'
import { pageErrors, screenshot } from './chromium'
import { probeArticle, probeSession } from './widget-probe'
import { apiFetch } from './local-api'

// The widget without JavaScript (docs/contract.md §10), as a reader with scripts off meets it: the
// snippet's <noscript> link on a host page, the /tanggapi page, an answer, a reload, a
// changed answer, on a desktop and a 390 px phone; the counts checked through the API.

const api = inject('baseUrl')
const session = probeSession()
const LINK = 'Beri tanggapan / Give feedback'

interface Summary {
  counts: Record<string, number>
  percentages: Record<string, number>
  total: number
  yours: number | null
}

async function summary(article: string, reader?: string): Promise<Summary> {
  const q = new URLSearchParams({ site: 'demo', article })
  if (reader) q.set('reader', reader)
  const res = await apiFetch(`/api/v1/summary?${q}`)
  return (await res.json()) as Summary
}

/** A context with JavaScript off, as a reader who turned it off (or whose filter blocks it). */
function withoutScript(width = 1280): Promise<BrowserContext> {
  return session.browser.newContext({
    javaScriptEnabled: false,
    viewport: { width, height: 900 },
  })
}

/** A host page with the snippet exactly as «Kelola» gives it, its article filled in by the CMS. */
function hostPageFor(name: string, article: string): string {
  const snippet = embedSnippet(api, 'demo', 'diskominfo').replace(
    ARTICLE_PLACEHOLDER,
    encodeURIComponent(article),
  )
  const html = `<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Berita uji</title>
<link rel="canonical" href="${article}"></head>
<body><main><h1>Berita uji</h1><p>Isi berita.</p>${snippet}</main></body></html>`
  return session.probe.serve(`/${name}`, html)
}

const percents = async (page: Page) =>
  (await page.locator('.answers .percent').allTextContents()).map((t) => Number(t.replace('%', '')))
const answerButton = (page: Page, label: RegExp) => page.getByRole('button', { name: label })
const mine = (page: Page) => page.locator('.answers li.yours')

describe('the widget without JavaScript', () => {
  it('follows the snippet’s <noscript> link, answers, keeps the answer on reload and changes it', async () => {
    const article = probeArticle('noscript')
    const context = await withoutScript()
    const page = await context.newPage()
    const errors = pageErrors(page)
    await page.goto(hostPageFor('noscript', article))
    await page.getByRole('link', { name: LINK }).click()
    await page.waitForURL(/\/tanggapi\?/)
    expect(new URL(page.url()).searchParams.get('article')).toBe(article)
    await page.getByRole('heading', { name: 'Bagaimana Tanggapan Anda?' }).waitFor()
    expect(await page.getByRole('button').count()).toBe(4)
    expect(await percents(page)).toEqual([0, 0, 0, 0])
    expect(await page.locator('.total').textContent()).toMatch(/^0 tanggapan/)
    await screenshot(page, 'tanggapi-before')

    await answerButton(page, /^Puas/).click()
    await page.getByText('Terima kasih!').waitFor()
    expect(page.url()).toContain('/tanggapi?')
    expect(await mine(page).locator('button').textContent()).toMatch(/^Puas/)
    expect(await percents(page)).toEqual([0, 100, 0, 0])
    expect(await page.locator('.total').textContent()).toMatch(/^1 tanggapan/)
    await screenshot(page, 'tanggapi-answered')

    const [cookie] = (await context.cookies(`${api}/tanggapi`)).filter(
      (c) => c.name === 'tanggapan_reader',
    )
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/tanggapi' })
    expect(cookie.value).toMatch(/^[0-9a-f-]{36}$/)

    await page.reload()
    await page.getByText('Terima kasih!').waitFor()
    expect(await mine(page).locator('button').textContent()).toMatch(/^Puas/)
    expect(await percents(page)).toEqual([0, 100, 0, 0])

    await answerButton(page, /^Tidak Puas/).click()
    await page.getByText('Jawaban Anda: Tidak Puas').waitFor()
    expect(await mine(page).count()).toBe(1)
    expect(await mine(page).locator('button').textContent()).toMatch(/^Tidak Puas/)
    expect(await percents(page)).toEqual([0, 0, 0, 100])
    expect(await page.locator('.total').textContent()).toMatch(/^1 tanggapan/)

    // The API counts one response, the changed one, under the cookie's reader.
    const figures = await summary(article, cookie.value)
    expect(figures.counts).toEqual({ sangat_puas: 0, puas: 0, cukup_puas: 0, tidak_puas: 1 })
    expect(figures.total).toBe(1)
    expect(figures.yours).toBe(1)

    // On a 390 px phone: the same page, nothing wider than the screen.
    const phone = await context.newPage()
    await phone.setViewportSize({ width: 390, height: 844 })
    await phone.goto(page.url())
    await phone.getByText('Terima kasih!').waitFor()
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    )
    await screenshot(phone, 'tanggapi-phone')
    expect(errors).toEqual([])
    await context.close()
  })

  it('a second reader (another browser) adds a response; the first one’s answer stays theirs', async () => {
    const article = probeArticle('noscript-dua')
    for (const label of [/^Sangat Puas/, /^Cukup Puas/]) {
      const context = await withoutScript()
      const page = await context.newPage()
      await page.goto(hostPageFor('noscript-dua', article))
      await page.getByRole('link', { name: LINK }).click()
      await answerButton(page, label).click()
      await page.getByText('Terima kasih!').waitFor()
      expect(await mine(page).locator('button').textContent()).toMatch(label)
      await context.close()
    }
    expect((await summary(article)).counts).toEqual({
      sangat_puas: 1,
      puas: 0,
      cukup_puas: 1,
      tidak_puas: 0,
    })
  })

  it('the demo article links to the page of its own canonical URL, with its figures', async () => {
    const context = await withoutScript(390)
    const page = await context.newPage()
    await page.goto(`${api}/demo`)
    const link = page.getByRole('link', { name: LINK })
    const demoKey = 'https://contohkab.go.id/berita/wifi-gratis-di-50-taman-kota'
    expect(await link.getAttribute('href')).toBe(
      `${api}/tanggapi?site=demo&opd=diskominfo&article=${encodeURIComponent(demoKey)}`,
    )
    await screenshot(page, 'tanggapi-demo-noscript')
    // Only looked at, not answered: other tests read the demo article's seeded figures.
    await link.click()
    await page.getByRole('heading', { name: 'Bagaimana Tanggapan Anda?' }).waitFor()
    const { percentages, total } = await summary(demoKey)
    expect(total).toBeGreaterThan(0)
    expect(await percents(page)).toEqual([
      percentages.sangat_puas,
      percentages.puas,
      percentages.cukup_puas,
      percentages.tidak_puas,
    ])
    await context.close()
  })

  it('with JavaScript on, the link is not there: the widget is', async () => {
    const context = await session.browser.newContext()
    const page = await context.newPage()
    await page.goto(hostPageFor('noscript-js', probeArticle('noscript-js')))
    await page
      .locator('[data-tanggapan]')
      .getByRole('radio', { name: /Sangat Puas/ })
      .waitFor()
    expect(await page.getByRole('link', { name: LINK }).count()).toBe(0)
    await context.close()
  })

  it('has no accessibility violations (axe-core)', async () => {
    const context = await session.browser.newContext({ bypassCSP: true })
    const page = await context.newPage()
    const q = new URLSearchParams({ site: 'demo', opd: 'diskominfo', article: probeArticle('axe') })
    await page.goto(`${api}/tanggapi?${q}`)
    await page.addScriptTag({
      content: readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'),
    })
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string }[] }> }
        }
      ).axe
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      })
      return result.violations.map((v) => v.id)
    })
    expect(violations).toEqual([])
    await context.close()
  })
})
