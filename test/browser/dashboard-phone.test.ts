import { describe, expect, it } from 'vitest'
import { screenshot } from './chromium'
import { DASHBOARD_PAGES, dashboardSession, openPage } from './dashboard-helpers'

const session = dashboardSession()

/** How far the page itself scrolls sideways: 0 when everything fits the window. */
const sideways = (page: import('playwright-core').Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - innerWidth)

describe('the dashboard on a phone', () => {
  it('fits every page into 390 px (and 1366 px): no sideways scrolling, navigation and sign-out on screen, the tile map whole', async () => {
    const { page, errors } = await session.signIn()
    await page.setViewportSize({ width: 390, height: 844 })
    for (const hash of DASHBOARD_PAGES) {
      await openPage(page, hash)
      expect({ hash, sideways: await sideways(page) }).toEqual({ hash, sideways: 0 })
      const signOut = page.locator('.top button', { hasText: 'Keluar' })
      const box = await signOut.boundingBox()
      expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
      expect(await page.locator('.top nav a[href="#/kelola"]').isVisible()).toBe(true)
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
    }
    expect(errors).toEqual([])
    await page.context().close()
  }, 180_000)
})
