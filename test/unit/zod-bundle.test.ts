import * as zod from 'zod'
import * as core from 'zod/v4/core'
import { describe, expect, it } from 'vitest'
import * as bundled from '../../worker/bundle/zod'
import * as bundledCore from '../../worker/bundle/zod-core'

// The deployed Worker's `zod` (wrangler.toml [alias] → worker/bundle/zod.ts) is zod's own entry
// without the locales: anything else zod's entry exports, it must export too, or a schema
// that works in the tests (which import zod itself) would break only once deployed.

const withoutLocales = (names: string[]) => names.filter((n) => n !== 'locales').sort()

describe('the bundled zod', () => {
  it('exports everything zod exports but the locales', () => {
    expect(Object.keys(bundled).sort()).toEqual(withoutLocales(Object.keys(zod)))
    expect(Object.keys(bundled.z).sort()).toEqual(withoutLocales(Object.keys(zod.z)))
    expect(Object.keys(bundledCore).sort()).toEqual(withoutLocales(Object.keys(core)))
    expect('locales' in bundled.z).toBe(false)
  })

  it('speaks English, as the Worker’s messages assume', () => {
    const issue = bundled.z.number().int().safeParse(2.5).error?.issues[0]
    expect(issue?.message).toBe(zod.z.number().int().safeParse(2.5).error?.issues[0].message)
    expect(issue?.message).toMatch(/^Invalid input: expected int/)
  })
})
