import { describe, expect, it } from 'vitest'
import { SKM_SERVICES, skmBody, skmRequests } from '../../bench/skm'
import { prng, uuidFrom } from '../../scripts/demo-data'
import { looksScripted } from '../../worker/abuse/limits'
import { skmResponseBody } from '../../worker/skm/validation'

// The SKM bench measures nothing if its bodies are refused, or answered 200 and dropped as a
// script's: every body must be one the API stores as a person's answers.

describe('the SKM bench workload', () => {
  const random = prng(31)
  const bodies = Array.from({ length: 400 }, () => skmBody(random, uuidFrom(random)))

  it('sends bodies the API accepts and stores, nine answers each', () => {
    for (const body of bodies) {
      const parsed = skmResponseBody.parse(body)
      expect(Object.keys(parsed.answers)).toHaveLength(9)
      expect(looksScripted(body)).toBe(false)
    }
  })

  it('spreads them over every service, with and without profile and suggestion', () => {
    expect(new Set(bodies.map((b) => b.service))).toEqual(new Set(SKM_SERVICES.map((s) => s.slug)))
    const fields = bodies.map((b) => Object.keys(b.profile).length)
    expect(fields).toContain(4)
    expect(fields.some((n) => n < 4)).toBe(true)
    expect(bodies.some((b) => b.saran !== '')).toBe(true)
    expect(bodies.some((b) => b.saran === '')).toBe(true)
  })

  it('is a new respondent each request, from the Worker’s own origin as the survey page', () => {
    const next = skmRequests('http://127.0.0.1:8828')
    const [a, b] = [next(), next()]
    expect(a.headers?.origin).toBe('http://127.0.0.1:8828')
    expect(JSON.parse(a.body ?? '').respondent).not.toBe(JSON.parse(b.body ?? '').respondent)
  })
})
