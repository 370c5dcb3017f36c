import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchChromium } from './chromium'

// The API as a real browser meets it: the widget's text/plain POST needs no preflight and
// is answered with CORS for a registered origin (the local server's own, seeded for demo).
let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

describe('the API from a browser', () => {
  it('lets a page on a registered origin answer without a preflight', async () => {
    const page = await browser.newPage()
    const preflights: string[] = []
    page.on('request', (r) => r.method() === 'OPTIONS' && preflights.push(r.url()))
    // localhost and 127.0.0.1 are different origins: the page is on one, the API on the
    // other, so this is a real cross-origin request.
    const api = inject('baseUrl')
    await page.goto(api.replace('127.0.0.1', 'localhost') + '/api/v1/summary?site=demo&article=x')
    const result = await page.evaluate(async (api) => {
      const res = await fetch(`${api}/api/v1/responses`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({ opd: 'diskominfo', article: 'https://contohkab.go.id/berita/cors', rating: 3, reader: crypto.randomUUID() }),
      })
      return { status: res.status, body: await res.json() }
    }, api)
    expect(result.status).toBe(200)
    expect(result.body.counts.puas).toBe(1)
    expect(preflights).toEqual([])
  })
})
