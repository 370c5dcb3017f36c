import { describe, expect, it } from 'vitest'
import { BUDGET, checkBudgets, readWidget } from '../../scripts/build-widget'
import { RESERVED_HEIGHT } from '../../widget/reserved-height'

// The size budget (issues 3 and 29): what every page loads, and all a reader downloads to
// answer, Preact included.

// The files built (vitest.config.ts makes sure they are current), not a build of its own.
const build = readWidget()

describe('the built widget', () => {
  it(`keeps widget.js within ${BUDGET.loader} bytes gzip`, () => {
    expect(build.sizes.loader.gzip).toBeLessThanOrEqual(BUDGET.loader)
  })

  it(`keeps the answer path (loader and chunk, Preact and CSS included) within ${BUDGET.total} bytes gzip`, () => {
    expect(build.sizes.total.gzip).toBe(build.sizes.loader.gzip + build.sizes.chunk.gzip)
    expect(build.sizes.total.gzip).toBeLessThanOrEqual(BUDGET.total)
  })

  it('fails the build when the loader or the answer path is a byte over its budget', () => {
    const size = (gzip: number) => ({ raw: 0, gzip, brotli: 0 })
    expect(() =>
      checkBudgets({ loader: size(BUDGET.loader), total: size(BUDGET.total) }),
    ).not.toThrow()
    expect(() =>
      checkBudgets({ loader: size(BUDGET.loader + 1), total: size(BUDGET.total) }),
    ).toThrow(/loader is 1025 B gzip, over its budget of 1024 B/)
    expect(() =>
      checkBudgets({ loader: size(BUDGET.loader), total: size(BUDGET.total + 1) }),
    ).toThrow(/answer path is 9217 B gzip, over its budget of 9216 B/)
  })

  it('loads Preact once: the comment chunk takes it from the answer chunk', () => {
    expect(build.comment).toContain(`from"./${build.chunkName}"`)
    expect(build.comment).not.toMatch(/from"preact/)
    expect(build.chunk).not.toMatch(/\bfrom"/)
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
