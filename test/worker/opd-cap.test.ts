import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { answer, errorOf, seedSite, unchanged } from './client'

// The test runtime sets MAX_OPDS_PER_SITE to 12 (test/vitest.worker.config.ts).
const SITE = 'kendal'
const ORIGIN = 'https://kendalkab.go.id'
const answerFor = (opd: string) => answer(ORIGIN, { opd, article: `${ORIGIN}/${opd}`, rating: 3 })

beforeAll(() => seedSite(SITE, [ORIGIN]))

describe('OPDs added on first use', () => {
  it('adds a new OPD slug to the site without registration', async () => {
    expect((await answerFor('dinkes')).status).toBe(200)
    const row = await env.DB.prepare('SELECT slug, name FROM opds WHERE site_id = ? AND slug = ?')
      .bind(SITE, 'dinkes')
      .first()
    expect(row).toEqual({ slug: 'dinkes', name: null })
  })

  it('stops at the cap with 422 too_many_opds and changes nothing, while known OPDs still answer', async () => {
    for (let i = 1; i < 12; i++) expect((await answerFor(`opd-${i}`)).status).toBe(200)
    const refused = await unchanged(() => answerFor('opd-ke-13'))
    expect(await errorOf(refused)).toMatchObject({ status: 422, code: 'too_many_opds' })
    expect((await answerFor('dinkes')).status).toBe(200)
  })
})
