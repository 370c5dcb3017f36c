import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { queryLocalSql, queryLocalSqlEach } from '../../scripts/local-d1'
import {
  container,
  hostPage,
  probeArticle,
  probeSession,
  waitForResults,
  widget,
} from './widget-probe'
import { flushed } from './dashboard-helpers'

// After a real browser has viewed and answered through the widget on the real local
// runtime, read every table: no IP address and no user agent may be anywhere.
const session = probeSession()

describe('privacy, after browsing', () => {
  it('stores neither the browser’s address nor its user agent', { timeout: 120_000 }, async () => {
    const page = await session.browser.newPage()
    const userAgent = await page.evaluate(() => navigator.userAgent)
    const article = probeArticle('privasi')
    await page.goto(
      session.probe.serve('/privasi', hostPage(inject('baseUrl'), container({ article }))),
    )
    await waitForResults(widget(page))
    await widget(page)
      .getByRole('radio', { name: /Cukup Puas/ })
      .click()
    await expect.poll(() => widget(page).locator('[aria-checked="true"]').count()).toBe(1)
    await page.close()
    await flushed([article])

    const persistTo = inject('persistTo')
    const tables = queryLocalSql<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
      persistTo,
    ).map((t) => t.name)
    expect(tables).toEqual(expect.arrayContaining(['responses', 'view_marks', 'rate_counters']))
    const rows = queryLocalSqlEach(tables.map((t) => `SELECT * FROM "${t}"`).join('; '), persistTo)
    const dump = Object.fromEntries(tables.map((t, i) => [t, JSON.stringify(rows[i])]))
    // This answer is there …
    expect(dump.articles).toContain(article)
    // … but no trace of who sent it. Registered origins and webhook URLs are an operator's
    // settings, not visitors (the audit log records them as the admin set them), and article
    // keys (here and in deliveries) are URLs under those origins: taken out, nothing may hold
    // a loopback address.
    const origins = (rows[tables.indexOf('site_origins')] as { origin: string }[]).map(
      (r) => r.origin,
    )
    const visitors = (text: string) => origins.reduce((t, o) => t.replaceAll(o, ''), text)
    for (const [table, rows] of Object.entries(dump)) {
      expect(rows, table).not.toContain(userAgent)
      expect(rows, table).not.toContain('HeadlessChrome')
      if (!['site_origins', 'webhooks', 'audit_log'].includes(table))
        expect(visitors(rows), table).not.toMatch(/127\.0\.0\.1|::1|::ffff/)
    }
    // The article objects' and site guards' own SQLite files (the hot path keeps readers'
    // answers and per-address counts there), read as bytes: SQLite stores text as it is.
    const objectFiles = readdirSync(join(persistTo, 'v3', 'do'), {
      recursive: true,
      withFileTypes: true,
    })
      .filter((f) => f.isFile())
      .map((f) => join(f.parentPath, f.name))
    expect(objectFiles.some((f) => f.endsWith('.sqlite'))).toBe(true)
    for (const file of objectFiles) {
      const bytes = readIfThere(file)
      // The running objects' -wal/-shm files come and go between listing and reading; what
      // is gone holds nothing, and what they wrote is in the .sqlite file read here too.
      if (bytes === null) continue
      expect(bytes.includes(userAgent), file).toBe(false)
      expect(bytes.includes('HeadlessChrome'), file).toBe(false)
      expect(visitors(bytes), file).not.toMatch(/127\.0\.0\.1|::1|::ffff/)
    }
  })
})

function readIfThere(file: string): string | null {
  try {
    return readFileSync(file, 'latin1')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}
