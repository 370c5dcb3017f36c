import { describe, expect, it } from 'vitest'
import { krejcieMorgan, sampleAdequacy } from '../../worker/domain/figures/sample-size'
import { responseRate } from '../../worker/domain/figures/response-rate'

describe('krejcieMorgan (χ² = 3.841, P = 0.5, d = 0.05)', () => {
  it.each([
    // 0.96025·N / (0.0025·(N − 1) + 0.96025), rounded up; Krejcie & Morgan's table in brackets
    [10, 10], // 9.6025 / 0.98275 = 9.77 → 10 [10]
    [100, 80], // 96.025 / 1.20775 = 79.51 → 80 [80]
    [284, 164], // 272.711 / 1.66775 = 163.52 → 164 [162 at 280, 165 at 290]
    [1000, 278], // 960.25 / 3.45775 = 277.71 → 278 [278]
    [10_000, 370], // 9602.5 / 25.95775 = 369.93 → 370 [370]
    [1_000_000, 384], // 960250 / 2500.95775 = 383.95 → 384 [384]
  ])('N = %i → %i', (population, required) => {
    expect(krejcieMorgan(population)).toBe(required)
  })

  it('asks for everyone in a population of one', () => {
    expect(krejcieMorgan(1)).toBe(1)
  })
})

describe('sampleAdequacy', () => {
  it('flags 16 responses of 284 views as not yet adequate', () => {
    expect(sampleAdequacy(16, 284)).toEqual({ required: 164, adequate: false })
  })

  it('is adequate at exactly the required number', () => {
    expect(sampleAdequacy(80, 100)).toEqual({ required: 80, adequate: true })
    expect(sampleAdequacy(79, 100)).toEqual({ required: 80, adequate: false })
  })

  it('takes the responses as the population when fewer views were counted', () => {
    // N = max(5, 3) = 5: 4.80125 / 0.97025 = 4.95 → 5
    expect(sampleAdequacy(5, 3)).toEqual({ required: 5, adequate: true })
  })

  it('has nothing to judge without views or responses', () => {
    expect(sampleAdequacy(0, 0)).toEqual({ required: null, adequate: false })
  })
})

describe('responseRate', () => {
  it('is responses ÷ views to four decimals', () => {
    expect(responseRate(16, 284)).toBe(0.0563)
    expect(responseRate(1, 3)).toBe(0.3333)
  })

  it('is null without views and never above 1', () => {
    expect(responseRate(4, 0)).toBeNull()
    expect(responseRate(5, 3)).toBe(1)
  })
})
