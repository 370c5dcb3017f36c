import { describe, expect, it } from 'vitest'
import { BUDGET, readWidget } from '../../scripts/build-widget'
import { RESERVED_HEIGHT } from '../../widget/reserved-height'

// The size budget (issue 3): what every page loads, and all a reader downloads to answer.

// The files built (vitest.config.ts makes sure they are current), not a build of its own.
const build = readWidget()

describe('the built widget', () => {
  it(`keeps widget.js within ${BUDGET.loader} bytes gzip`, () => {
    expect(build.sizes.loader.gzip).toBeLessThanOrEqual(BUDGET.loader)
  })

  it(`keeps the whole widget, Preact and CSS included, within ${BUDGET.total} bytes gzip`, () => {
    expect(build.sizes.total.gzip).toBe(build.sizes.loader.gzip + build.sizes.chunk.gzip)
    expect(build.sizes.total.gzip).toBeLessThanOrEqual(BUDGET.total)
  })

  it('bakes the versioned chunk into the loader, which reserves the widget’s height', () => {
    expect(build.chunkName).toMatch(/^app-[0-9a-f]{12}\.js$/)
    expect(build.loader).toContain(build.chunkName)
    expect(build.loader).toContain(String(RESERVED_HEIGHT))
  })

  // (Inline styles are checked where they would matter: in the browser, under a strict CSP.)
  it('runs no code from strings, which a strict CSP refuses', () => {
    for (const code of [build.loader, build.chunk])
      expect(/\beval\(|new Function\(/.test(code)).toBe(false)
  })
})
