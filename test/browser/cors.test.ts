import { describe, expect, inject, it } from 'vitest'
import { probeSession } from './widget-probe'

// The API as a real browser meets it: the widget's text/plain POST needs no preflight and
// is answered with CORS for a registered origin (a probe site registered for the demo).
const session = probeSession()

describe('the API from a browser', () => {
  it('lets a page on a registered origin answer without a preflight', async () => {
    const page = await session.browser.newPage()
    const preflights: string[] = []
    page.on('request', (r) => r.method() === 'OPTIONS' && preflights.push(r.url()))
    await page.goto(session.probe.serve('/cors', '<!doctype html><title>probe</title>'))
    const result = await page.evaluate(async (api) => {
      const res = await fetch(`${api}/api/v1/responses`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
        body: JSON.stringify({
          opd: 'diskominfo',
          article: `https://contohkab.go.id/berita/cors-${crypto.randomUUID()}`,
          rating: 3,
          reader: crypto.randomUUID(),
        }),
      })
      return { status: res.status, body: await res.json() }
    }, inject('baseUrl'))
    expect(result.status).toBe(200)
    expect(result.body.counts.puas).toBe(1)
    expect(preflights).toEqual([])
  })
})
