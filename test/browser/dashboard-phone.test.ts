import { describe, expect, inject, it } from 'vitest'
import { axeViolations, pageErrors, screenshot } from './chromium'
import {
  baseUrl,
  DASHBOARD_PAGES,
  dashboardSession,
  openPage,
  submitToken,
} from './dashboard-helpers'

const session = dashboardSession()

/** How far the page itself scrolls sideways: 0 when everything fits the window. */
const sideways = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - innerWidth)

describe('the dashboard on a phone', () => {
  it('fits every page into 390 px (and 1366 px): no sideways scrolling, navigation and sign-out on screen, the tile map whole, nothing axe finds', async () => {
    const context = await session.browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true, // only for axe's script tag
    })
    context.setDefaultTimeout(45_000)
    const page = await context.newPage()
    const errors = pageErrors(page)
    await page.goto(`${baseUrl()}/dashboard`)
    await submitToken(page, inject('adminToken'))
    await page.waitForSelector('.opd-link')
    await page.setViewportSize({ width: 390, height: 844 })
    for (const hash of DASHBOARD_PAGES) {
      await openPage(page, hash)
      expect({ hash, sideways: await sideways(page) }).toEqual({ hash, sideways: 0 })
      const signOut = page.locator('.top button', { hasText: 'Keluar' })
      const box = await signOut.boundingBox()
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
      expect(await page.locator('.top nav a[href="#/kelola"]').isVisible()).toBe(true)
      expect({ hash, axe: await axeViolations(page) }).toEqual({ hash, axe: [] })
      await screenshot(page, `dashboard-390${hash.replace(/[#/]+/g, '-').replace(/-$/, '')}`)
    }
    // The map of provinces is drawn whole, inside the window, not cut at its east.
    await openPage(page, '#/wilayah')
    const map = await page.locator('.tile-map svg').boundingBox()
    expect(map && map.x >= 0 && map.x + map.width <= 390).toBe(true)

    await page.setViewportSize({ width: 1366, height: 900 })
    for (const hash of DASHBOARD_PAGES) {
      await openPage(page, hash)
      expect({ hash, sideways: await sideways(page) }).toEqual({ hash, sideways: 0 })
      expect({ hash, axe: await axeViolations(page) }).toEqual({ hash, axe: [] })
    }
    expect(errors).toEqual([])
    await page.context().close()
  }, 300_000) // axe on 22 pages of a loaded 2-core machine
})
