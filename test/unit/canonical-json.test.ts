import { describe, expect, it } from 'vitest'
import { canonicalJson, splitText } from '../../worker/domain/exports/canonical-json'
import { sha256Hex } from '../../worker/domain/crypto'

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    const value = { b: [{ z: 1, a: null }], a: 'x', c: { y: true, x: 85.94 } }
    expect(canonicalJson(value)).toBe('{"a":"x","b":[{"a":null,"z":1}],"c":{"x":85.94,"y":true}}')
  })

  it('sorts keys that look like numbers as text, as RFC 8785 does', () => {
    expect(canonicalJson({ '10': 1, '2': 2, a: 3 })).toBe('{"10":1,"2":2,"a":3}')
  })

  it('writes the same text for the same value however its keys were ordered', () => {
    expect(canonicalJson({ x: 1, y: [2, 3] })).toBe(canonicalJson({ y: [2, 3], x: 1 }))
  })

  it('keeps non-ASCII text as it is and escapes what JSON must', () => {
    expect(canonicalJson({ t: 'Dinas «Kominfo» 😀 "q"\n' })).toBe(
      '{"t":"Dinas «Kominfo» 😀 \\"q\\"\\n"}',
    )
  })

  it('refuses a number JSON cannot write', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(RangeError)
  })

  it('hashes the UTF-8 of the text', async () => {
    // echo -n '{"a":1}' | sha256sum
    expect(await sha256Hex('{"a":1}')).toBe(
      '015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862',
    )
  })
})

describe('splitText', () => {
  it('joins back to the same text and never cuts a surrogate pair', () => {
    const text = `ab😀cd😀😀e`
    for (const size of [1, 2, 3, 4, 5, 100]) {
      const parts = splitText(text, Math.max(size, 2))
      expect(parts.join('')).toBe(text)
      // No part starts or ends with half of a pair.
      for (const part of parts) expect(part).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/)
    }
  })
})
