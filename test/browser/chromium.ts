import { chromium, type Browser, type Page } from 'playwright-core'
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

// Debian's Chromium, never a downloaded browser; flags keep it off the (closed) network.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  })
}

export const SCREENSHOT_DIR = 'test-results/screenshots'

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true })
}

/** Collects console errors and uncaught page errors, so tests can assert there are none. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  page.on('pageerror', (e) => errors.push(e.message))
  return errors
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
)

/**
 * axe-core's WCAG 2.1 A/AA and best-practice violations on the page (or the parts `within`
 * selects), as `id (nodes)`. Evaluated, not added as a <script>: the dashboard's and the
 * report pages' CSPs refuse inline scripts.
 */
export async function axeViolations(page: Page, within?: string[]): Promise<string[]> {
  await page.evaluate(axeSource)
  return page.evaluate(async (within) => {
    const axe = (
      window as unknown as {
        axe: {
          run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }>
        }
      }
    ).axe
    const context = within ? { include: within.map((s) => [s]) } : document
    const result = await axe.run(context, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
    })
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`)
  }, within)
}
