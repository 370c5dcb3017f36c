import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject } from 'vitest'
import { launchChromium, pageErrors } from './chromium'
import { apiFetch } from './local-api'

// Shared steps of the dashboard's browser tests: one Chromium per file, a signed-in page and
// a public answer.

export const baseUrl = () => inject('baseUrl')

export interface SignedIn {
  page: Page
  errors: string[]
}

/** Types `token` into the sign-in form of an open dashboard page and sends it. */
export async function submitToken(page: Page, token: string): Promise<void> {
  await page.fill('input[name=token]', token)
  await page.click('.sign-in button[type=submit]')
}

/**
 * A dashboard page in a context of its own, signed in (the admin's token unless another is
 * given) and showing its OPDs (or what `ready` selects: a provinsi token lands on its regions).
 * Close it with `page.context().close()`.
 */
export async function signedIn(
  browser: Browser,
  token = inject('adminToken'),
  ready = '.opd-link',
): Promise<SignedIn> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  })
  // A page's own requests cannot be asked again as the tests' are (local-api.ts): once in a
  // whole run (2026-12-07) wrangler dev held three statistics requests of a dashboard page for
  // 30 s and answered them then, so a wait for what they draw outlasts one such stall.
  context.setDefaultTimeout(45_000)
  const page = await context.newPage()
  const errors = pageErrors(page)
  await page.goto(`${baseUrl()}/dashboard`)
  await submitToken(page, token)
  await page.waitForSelector(ready)
  return { page, errors }
}

export interface DashboardSession {
  readonly browser: Browser
  /** signedIn() in this session's Chromium. */
  signIn(token?: string, ready?: string): Promise<SignedIn>
}

/** A Chromium for one dashboard test file: launched before its tests, closed after. */
export function dashboardSession(): DashboardSession {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(() => browser?.close())
  return {
    get browser() {
      if (!browser) throw new Error('dashboardSession(): the browser opens in beforeAll')
      return browser
    },
    signIn: (token, ready) => signedIn(browser!, token, ready),
  }
}

/** A reader's answer through the public API, as the widget would send it. */
export async function answer(body: Record<string, unknown>) {
  const res = await apiFetch(`/api/v1/responses`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ site: 'demo', reader: crypto.randomUUID(), ...body }),
  })
  if (!res.ok) throw new Error(`answer failed: ${res.status} ${await res.text()}`)
}

/**
 * Waits until D1 holds what the widget shows for these articles. The widget reads the
 * article's object, live; listings, statistics and the dashboard read D1, one flush (5 s,
 * docs/operations.md «Where the figures live») behind it.
 */
export async function flushed(articles: string[], site = 'demo'): Promise<void> {
  const total = async (path: string, article: string) => {
    const body = await (await apiFetch(`${path}?${new URLSearchParams({ site, article })}`)).json()
    return (body as { total?: number; rows?: { total: number }[] }).total ?? body.rows?.[0]?.total
  }
  const live = await Promise.all(articles.map((a) => total('/api/v1/summary', a)))
  // A loop, not expect.poll: test files call this from beforeAll too.
  const deadline = Date.now() + 20_000
  for (;;) {
    const inD1 = await Promise.all(articles.map((a) => total('/api/v1/summaries', a)))
    if (JSON.stringify(inD1) === JSON.stringify(live)) return
    if (Date.now() > deadline) throw new Error(`D1 holds ${inD1}, the widget shows ${live}`)
    await new Promise((r) => setTimeout(r, 500))
  }
}

/**
 * Waits out one flush interval (5 s, docs/operations.md «Where the figures live») and a margin: after it,
 * D1 holds every answer given before the call, on any article, also ones this file never
 * named (an earlier file's last votes would otherwise land in D1 halfway through this one).
 */
export function earlierAnswersFlushed(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 7_000))
}

/** Every page of the dashboard an admin reaches, by its address (dashboard/lib/hash-route.ts). */
export const DASHBOARD_PAGES = [
  '#/',
  '#/wilayah',
  '#/wilayah/35',
  '#/wilayah/35.09',
  '#/situs/demo',
  '#/opd/demo/diskominfo',
  '#/publikasi',
  '#/kelola',
  '#/kesehatan',
  '#/notifikasi',
  '#/audit',
]

/** Opens a page of the dashboard by its address and waits until nothing on it is loading. */
export async function openPage(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h
    // The new page is drawn by the next frames: only then is its «Memuat…» there to wait for.
    return new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)))
  }, hash)
  await page.locator('main h2').first().waitFor()
  await expect.poll(() => page.getByText('Memuat…').count(), { timeout: 30_000 }).toBe(0)
}

/**
 * Finds a site's card on «Kelola» (closed to its header line) by the search field, as a person
 * would, opens it, and gives it once its body is there.
 */
export async function openSiteCard(page: Page, site: string): Promise<Locator> {
  await page.fill('input[name=site-search]', site)
  const card = page.locator(`.site-card[data-site=${site}]`)
  await card.locator('summary').click()
  await card.locator('textarea[name=origins]').waitFor()
  return card
}
