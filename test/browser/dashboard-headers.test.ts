import { describe, expect, inject, it } from 'vitest'
import { DASHBOARD_CSP } from '../../worker/dashboard-csp'
import { pageErrors } from './chromium'
import { dashboardSession } from './dashboard-helpers'
import { apiFetch } from './local-api'

const session = dashboardSession()

describe('the dashboard under its CSP', () => {
  it('is served with a strict CSP header, framing refused', async () => {
    for (const path of ['/dashboard', '/dashboard/app.js', '/dashboard/app.css']) {
      const res = await apiFetch(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('Content-Security-Policy')).toBe(DASHBOARD_CSP)
      expect(res.headers.get('X-Frame-Options')).toBe('DENY')
    }
    expect(DASHBOARD_CSP).not.toContain('unsafe-inline')
    expect(DASHBOARD_CSP).not.toContain('unsafe-eval')
  })

  it('works under it, with no violation reported', async () => {
    const page = await session.browser.newPage()
    const errors = pageErrors(page)
    const violations: string[] = []
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v))
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportViolation(v: string): void }).reportViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        ),
      ),
    )
    await page.goto(inject('baseUrl') + '/dashboard')
    await page.getByRole('button').first().waitFor()
    expect(violations).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })
})
