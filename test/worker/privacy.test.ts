import { beforeAll, describe, expect, it } from 'vitest'
import { call, postJson, seedSite, wholeDatabase } from './client'

// No raw IP address or user agent is ever stored: send them on every kind of request, then
// read every table.
const SITE = 'rembang'
const ORIGIN = 'https://rembangkab.go.id'
const IP = '203.0.113.77'
const IPV6 = '2001:db8::4a7'
const UA = 'Mozilla/5.0 (PrivacyProbe; Android 14) Chrome/131'
const headers = {
  'CF-Connecting-IP': IP,
  'X-Forwarded-For': `${IPV6}, ${IP}`,
  'X-Real-IP': IP,
  'User-Agent': UA,
}

beforeAll(() => seedSite(SITE, [ORIGIN]))

describe('privacy', () => {
  it('stores no IP address or user agent from any request', async () => {
    const article = 'https://rembangkab.go.id/berita/privasi'
    const reader = crypto.randomUUID()
    const send = { origin: ORIGIN, headers }
    expect(
      (await postJson('/api/v1/views', { opd: 'dinsos', article, reader, title: 'Bansos' }, send))
        .status,
    ).toBe(204)
    expect(
      (await postJson('/api/v1/responses', { opd: 'dinsos', article, reader, rating: 2 }, send))
        .status,
    ).toBe(200)
    expect(
      (await postJson('/api/v1/responses', { opd: 'dinsos', article, reader, rating: 3 }, send))
        .status,
    ).toBe(200)
    expect(
      (
        await call(
          'GET',
          `/api/v1/summary?article=${encodeURIComponent(article)}&reader=${reader}`,
          null,
          send,
        )
      ).status,
    ).toBe(200)

    const everything = JSON.stringify(await wholeDatabase({ bookkeeping: true }))
    expect(everything).toContain(reader) // the dump does hold this request's rows
    for (const secret of [IP, IPV6, UA, 'PrivacyProbe', '203.0.113'])
      expect(everything).not.toContain(secret)
  })
})
