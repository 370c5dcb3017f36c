import { describe, expect, it } from 'vitest'
import {
  constantTimeEqual,
  hashToken,
  inScope,
  mintToken,
  scopedFilter,
  type TokenScope,
} from '../../worker/auth/token'

const scope = (
  role: TokenScope['role'],
  site: string | null = null,
  opd: string | null = null,
): TokenScope => ({
  id: 'tok_1',
  role,
  site,
  opd,
  region: null,
  label: 't',
})

describe('tokens', () => {
  it('are random, prefixed, and stored as their SHA-256', async () => {
    const a = await mintToken()
    const b = await mintToken()
    expect(a.token).toMatch(/^tgp_[A-Za-z0-9_-]{43}$/)
    expect(a.token).not.toBe(b.token)
    expect(a.hash).toBe(await hashToken(a.token))
    // SHA-256 of "abc" (FIPS 180-2 example)
    expect(await hashToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })

  it('compare equal only when equal', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true)
    expect(constantTimeEqual('abc', 'abd')).toBe(false)
    expect(constantTimeEqual('abc', 'abcd')).toBe(false)
    expect(constantTimeEqual('', '')).toBe(true)
  })
})

describe('scopedFilter', () => {
  it('lets admin and kominfo ask for anything', () => {
    expect(scopedFilter(scope('kominfo'), { site: 'a', opd: 'b' })).toEqual({ site: 'a', opd: 'b' })
    expect(scopedFilter(scope('admin'), {})).toEqual({})
  })

  it('narrows an opd token to its own site and OPD', () => {
    expect(scopedFilter(scope('opd', 'kudus'), {})).toEqual({ site: 'kudus', opd: undefined })
    expect(scopedFilter(scope('opd', 'kudus'), { opd: 'dinkes' })).toEqual({
      site: 'kudus',
      opd: 'dinkes',
    })
    expect(scopedFilter(scope('opd', 'kudus', 'dinkes'), { site: 'kudus' })).toEqual({
      site: 'kudus',
      opd: 'dinkes',
    })
  })

  it('refuses another site or OPD with 403 out_of_scope', () => {
    expect(() => scopedFilter(scope('opd', 'kudus'), { site: 'pati' })).toThrow(
      expect.objectContaining({ status: 403, code: 'out_of_scope' }),
    )
    expect(() => scopedFilter(scope('opd', 'kudus', 'dinkes'), { opd: 'dishub' })).toThrow(
      expect.objectContaining({ status: 403 }),
    )
  })

  it('inScope answers for one OPD', () => {
    expect(inScope(scope('opd', 'kudus', 'dinkes'), 'kudus', 'dinkes')).toBe(true)
    expect(inScope(scope('opd', 'kudus', 'dinkes'), 'kudus', 'dishub')).toBe(false)
    expect(inScope(scope('opd', 'kudus'), 'pati', 'dinkes')).toBe(false)
    expect(inScope(scope('kominfo'), 'pati', 'dinkes')).toBe(true)
  })
})
