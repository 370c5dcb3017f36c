import { env } from 'cloudflare:workers'
import { sql } from 'drizzle-orm'
import { describe, expect, it, vi } from 'vitest'
import { createApp } from '../../worker/app'
import { database } from '../../worker/db/client'

describe('unexpected failures', () => {
  it('become a 500 in the contract shape, with no internals', async () => {
    const app = createApp()
    app.get('/boom', () => {
      throw new Error('D1_ERROR: no such table: secret_internal_table')
    })
    const res = await app.request('/boom', {}, env)
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(JSON.parse(text)).toEqual({
      error: { code: 'internal_error', message: expect.any(String) },
    })
    expect(text).not.toContain('secret_internal_table')
  })
})

describe('the log of an unexpected failure', () => {
  it('names the error and its cause, never the SQL parameters', async () => {
    const app = createApp()
    app.get('/boom', async () => {
      // A real drizzle query failure whose parameter is a salt-like secret.
      await database(env.DB).run(
        sql`SELECT salt FROM no_such_table WHERE salt = ${'salt-3f9a2c-rahasia'}`,
      )
      return new Response('unreachable')
    })
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      const res = await app.request('/boom', {}, env)
      expect(res.status).toBe(500)
      const text = logged.mock.calls.map((args) => args.map((a) => String(a)).join(' ')).join('\n')
      expect(text).toContain('Failed query: SELECT salt FROM no_such_table')
      expect(text).toContain('no such table')
      expect(text).not.toContain('salt-3f9a2c-rahasia')
      expect(text).not.toContain('params')
    } finally {
      logged.mockRestore()
    }
  })
})
