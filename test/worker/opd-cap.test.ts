import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { postJson, seedSite, wholeDatabase } from './client'

// The test runtime sets MAX_OPDS_PER_SITE to 12 (test/vitest.worker.config.ts).
const SITE = 'kendal'
const ORIGIN = 'https://kendalkab.go.id'
const answer = (opd: string) =>
  postJson('/api/v1/responses', { opd, article: `https://kendalkab.go.id/${opd}`, rating: 3, reader: crypto.randomUUID() }, { origin: ORIGIN })

beforeAll(() => seedSite(SITE, [ORIGIN]))

describe('OPDs added on first use', () => {
  it('adds a new OPD slug to the site without registration', async () => {
    expect((await answer('dinkes')).status).toBe(200)
    const row = await env.DB.prepare('SELECT slug, name FROM opds WHERE site_id = ? AND slug = ?').bind(SITE, 'dinkes').first()
    expect(row).toEqual({ slug: 'dinkes', name: null })
  })

  it('stops at the cap with 422 too_many_opds and changes nothing, while known OPDs still answer', async () => {
    for (let i = 1; i < 12; i++) expect((await answer(`opd-${i}`)).status).toBe(200)
    const before = await wholeDatabase()
    const refused = await answer('opd-ke-13')
    expect(refused.status).toBe(422)
    expect((await refused.json<{ error: { code: string } }>()).error.code).toBe('too_many_opds')
    expect(await wholeDatabase()).toEqual(before)
    expect((await answer('dinkes')).status).toBe(200)
  })
})
