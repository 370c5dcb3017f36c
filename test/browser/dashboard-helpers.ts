import type { Browser, Page } from 'playwright-core'
import { inject } from 'vitest'
import { pageErrors } from './chromium'

// Shared steps of the dashboard's browser tests: a signed-in page and a public answer.

export const baseUrl = () => inject('baseUrl')

export async function signedIn(browser: Browser, token = inject('adminToken')): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  const errors = pageErrors(page)
  await page.goto(`${baseUrl()}/dashboard`)
  await page.fill('input[name=token]', token)
  await page.click('.sign-in button[type=submit]')
  await page.waitForSelector('.opd-link')
  return { page, errors }
}

/** A reader's answer through the public API, as the widget would send it. */
export async function answer(body: Record<string, unknown>) {
  const res = await fetch(`${baseUrl()}/api/v1/responses`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ site: 'demo', reader: crypto.randomUUID(), ...body }),
  })
  if (!res.ok) throw new Error(`answer failed: ${res.status} ${await res.text()}`)
}
