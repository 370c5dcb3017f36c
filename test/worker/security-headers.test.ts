import { describe, expect, it } from 'vitest'
import { call } from './client'

describe('security headers', () => {
  it('give API answers, errors included, a CSP under which nothing runs or frames', async () => {
    for (const path of ['/api/v1/summary?site=x&article=y', '/api/v1/nothing']) {
      const res = await call('GET', path)
      expect(res.headers.get('Content-Security-Policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      )
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')
      expect(res.headers.get('Cross-Origin-Resource-Policy')).toBeNull()
    }
  })
})
