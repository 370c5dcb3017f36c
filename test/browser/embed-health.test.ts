import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { axeViolations, screenshot } from './chromium'
import { baseUrl, signedIn } from './dashboard-helpers'
import { container, hostPage, probeArticle, probeSession } from './widget-probe'
import { adminFetch } from './local-api'

// Embed health (docs/embedding.md «Embed health»): the widget's beacon when its API is unreachable or its
// code fails to load, the count in /stats/health, and the «Kesehatan» view with a check of a
// live page served on loopback.

const session = probeSession()

interface Row {
  site: string
  opd: string | null
  widget_errors_by_code: Record<string, number>
}

async function errorsOf(opd: string | null): Promise<Record<string, number>> {
  const res = await adminFetch('/api/v1/stats/health?site=demo')
  if (!res.ok) throw new Error(`health: ${res.status} ${await res.text()}`)
  const { rows } = (await res.json()) as { rows: Row[] }
  return rows.find((r) => r.opd === opd)!.widget_errors_by_code
}

/** The beacons a page sends, as their bodies. */
function beacons(page: Page): string[] {
  const bodies: string[] = []
  page.on('request', (req) => {
    if (req.url().endsWith('/api/v1/widget-errors')) bodies.push(req.postData() ?? '')
  })
  return bodies
}

describe('the widget’s error beacon', () => {
  it('reports an unreachable API once per page load, and /stats/health counts it', async () => {
    const before = await errorsOf('diskominfo')
    const context = await session.browser.newContext()
    const page = await context.newPage()
    const sent = beacons(page)
    // The API is down for the widget's own requests; the beacon still gets through.
    await page.route(
      (url) => /\/api\/v1\/(summary|views|visits|responses)$/.test(url.pathname),
      (route) => route.abort('connectionrefused'),
    )
    const two =
      container({ article: probeArticle('beacon-a') }) +
      container({ article: probeArticle('beacon-b') })
    await page.goto(session.probe.serve('/beacon-api', hostPage(baseUrl(), two)))
    await expect.poll(() => sent.length).toBe(1)
    // Two widgets failed, one beacon: its code and OPD only, a few dozen bytes.
    expect(sent).toEqual(['{"code":"api","opd":"diskominfo"}'])
    await expect.poll(async () => (await errorsOf('diskominfo')).api).toBe(before.api + 1)
    await context.close()
  })

  it('reports a chunk that fails to load and a container without data-opd', async () => {
    const before = await errorsOf(null)
    const context = await session.browser.newContext()
    const page = await context.newPage()
    const sent = beacons(page)
    await page.route(
      (url) => /^\/widget\/app-[0-9a-f]+\.js$/.test(url.pathname),
      (route) => route.abort('failed'),
    )
    const body = `${container({ article: probeArticle('beacon-c') })}<div data-tanggapan></div>`
    await page.goto(session.probe.serve('/beacon-chunk', hostPage(baseUrl(), body)))
    await expect
      .poll(() => [...sent].sort())
      .toEqual(['{"code":"chunk","opd":"diskominfo"}', '{"code":"config"}'])
    await expect.poll(async () => (await errorsOf(null)).config).toBe(before.config + 1)
    await expect.poll(async () => (await errorsOf(null)).chunk).toBe(before.chunk + 1)
    await context.close()
  })
})

describe('«Kesehatan» in the dashboard', () => {
  it('shows the sites’ health and checks a live page, its title shown as text', async () => {
    const title = 'Vaksin <img src=x onerror="window.pwned=1"> & polio'
    const good = session.probe.serve(
      '/kesehatan-baik',
      hostPage(
        baseUrl(),
        container({ article: probeArticle('kesehatan'), opd: 'dinkes' }),
        `<meta property="og:title" content="${title.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}">`,
      ),
      { 'Content-Security-Policy': `script-src 'self'; connect-src *` },
    )
    const { page, errors } = await signedIn(session.browser)
    page.setDefaultTimeout(15_000)
    await page.click('a[href="#/kesehatan"]')
    await page.locator('table.health tr.site-row').first().waitFor()
    expect(await page.locator('table.health tbody tr').count()).toBeGreaterThan(1)

    await page.fill('input[name=check-url]', good)
    await page.click('form.check-embed button[type=submit]')
    const shown = page.locator('.check-title')
    await shown.waitFor()
    expect(await shown.textContent()).toBe(title)
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined()
    const result = (await page.locator('.check-result').textContent()) ?? ''
    expect(result).toContain('dinkes')
    // script-src 'self' leaves the widget out; connect-src * lets it call the API.
    expect(await page.locator('.check-result dd').nth(5).textContent()).toContain('tidak')
    expect(await page.locator('.check-result dd').nth(6).textContent()).toContain('ya')
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'dashboard-health')
    expect(errors).toEqual([])

    // A page that cannot be read: the API's message, and no stale result.
    await page.fill('input[name=check-url]', `${session.probe.origin}/tidak-ada`)
    await page.click('form.check-embed button[type=submit]')
    await page.locator('form.check-embed .error').waitFor()
    expect(await page.locator('.check-result').count()).toBe(0)
    await page.context().close()
  })
})
