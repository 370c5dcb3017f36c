import { describe, expect, it } from 'vitest'
import { DASHBOARD_BUDGET, readDashboardStamp } from '../../scripts/build-dashboard'

// The dashboard's bundle, as built (vitest.config.ts makes sure it is current): a budget, so
// that an import that drags server code (drizzle, zod) into it fails here.

describe('the built dashboard', () => {
  it(`keeps app.js, Preact included, within ${DASHBOARD_BUDGET} bytes gzip`, () => {
    const stamp = readDashboardStamp()
    expect(stamp).not.toBeNull()
    expect(stamp!.size.gzip).toBeLessThanOrEqual(DASHBOARD_BUDGET)
  })

  it('is built from the dashboard and the Worker’s pure modules only', () => {
    const serverCode = readDashboardStamp()!.inputs.filter((f) =>
      /node_modules\/(drizzle-orm|zod|hono)\/|worker\/(db|storage|routes)\//.test(f),
    )
    expect(serverCode).toEqual([])
  })
})
