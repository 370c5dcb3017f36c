import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../worker/app'

describe('unexpected failures', () => {
  it('become a 500 in the contract shape, with no internals', async () => {
    const app = createApp()
    app.get('/boom', () => {
      throw new Error('D1_ERROR: no such table: secret_internal_table')
    })
    const res = await app.request('/boom', {}, env)
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({ error: { code: 'internal_error', message: expect.any(String) } })
    expect(text).not.toContain('secret_internal_table')
  })
})
