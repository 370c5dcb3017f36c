import { describe, expect, it } from 'vitest'
import { grade, ikm } from '../../worker/domain/figures/ikm'

const counts = (sangat_puas: number, puas: number, cukup_puas: number, tidak_puas: number) => ({
  sangat_puas,
  puas,
  cukup_puas,
  tidak_puas,
})

describe('ikm', () => {
  it('gives the contract example: mean 3.4375 → 85.94', () => {
    expect(ikm(counts(12, 1, 1, 2))).toBe(85.94)
  })

  it('is null with no responses', () => {
    expect(ikm(counts(0, 0, 0, 0))).toBeNull()
  })

  it('spans 25.00 to 100.00', () => {
    expect(ikm(counts(0, 0, 0, 5))).toBe(25)
    expect(ikm(counts(5, 0, 0, 0))).toBe(100)
  })

  it('rounds half up at the second decimal', () => {
    // 25 × 27/8 = 84.375 → 84.38 (half up, not to even)
    expect(ikm(counts(5, 2, 0, 1))).toBe(84.38)
    // 25 × 41/16 = 64.0625 → 64.06; 25 × 49/16 = 76.5625 → 76.56
    expect(ikm(counts(4, 4, 5, 3))).toBe(64.06)
    expect(ikm(counts(6, 6, 3, 1))).toBe(76.56)
    // 25 × 26/8 = 81.25 exactly
    expect(ikm(counts(2, 6, 0, 0))).toBe(81.25)
    // 25 × 7/3 = 58.333… → 58.33; 25 × 8/3 = 66.666… → 66.67
    expect(ikm(counts(0, 1, 2, 0))).toBe(58.33)
    expect(ikm(counts(0, 2, 1, 0))).toBe(66.67)
    expect(ikm(counts(0, 1, 0, 2))).toBe(41.67)
  })
})

describe('grade (PermenPANRB 14/2017)', () => {
  it.each([
    [100, 'A'],
    [88.31, 'A'],
    [88.3, 'B'],
    [76.61, 'B'],
    [76.6, 'C'],
    [65, 'C'],
    [64.99, 'D'],
    [25, 'D'],
  ])('%s → %s', (index, expected) => {
    expect(grade(index)).toBe(expected)
  })

  it('is null without an index', () => {
    expect(grade(null)).toBeNull()
  })

  it('grades the contract example B', () => {
    expect(grade(ikm(counts(12, 1, 1, 2)))).toBe('B')
  })
})
