import type { Summary } from '../../worker/domain/figures/summary'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { seedSite, summaryOf, view, settle } from './client'

const SITE = 'pati'
const ORIGIN = 'https://patikab.go.id'
const PAGE = { opd: 'rsud', title: 'Layanan RSUD' }

beforeAll(() => seedSite(SITE, [ORIGIN]))

describe('POST /api/v1/views', () => {
  it('counts a reader once per article and day, however often they come', async () => {
    const article = 'https://patikab.go.id/berita/dilihat'
    const alice = crypto.randomUUID()
    const bob = crypto.randomUUID()
    const replies = await Promise.all([
      view(ORIGIN, { ...PAGE, article, reader: alice }),
      view(ORIGIN, { ...PAGE, article, reader: alice }),
      view(ORIGIN, { ...PAGE, article, reader: bob }),
    ])
    expect(replies.map((r: Response) => r.status)).toEqual([204, 204, 204])
    await view(ORIGIN, { ...PAGE, article, reader: alice })
    expect((await (await summaryOf(SITE, article)).json<Summary>()).views).toBe(2)
    await settle()
    const days = await env.DB.prepare(
      'SELECT sum(d.views) AS views FROM article_days d JOIN articles a ON a.id = d.article_id WHERE a.key = ?',
    )
      .bind(article)
      .first()
    expect(days).toEqual({ views: 2 })
  })

  it('counts the same reader again on another article', async () => {
    const reader = crypto.randomUUID()
    await view(ORIGIN, { ...PAGE, article: 'https://patikab.go.id/berita/satu', reader })
    await view(ORIGIN, { ...PAGE, article: 'https://patikab.go.id/berita/dua', reader })
    expect(
      (await (await summaryOf(SITE, 'https://patikab.go.id/berita/dua')).json<Summary>()).views,
    ).toBe(1)
  })

  it('creates the article with its title on first view', async () => {
    const article = 'https://patikab.go.id/berita/baru'
    await view(ORIGIN, { ...PAGE, article })
    await settle()
    const row = await env.DB.prepare('SELECT opd, title FROM articles WHERE key = ?')
      .bind(article)
      .first()
    expect(row).toEqual({ opd: 'rsud', title: 'Layanan RSUD' })
  })
})
