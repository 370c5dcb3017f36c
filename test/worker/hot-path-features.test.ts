import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  FLAG_RESPONSES_AFTER,
  NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY,
} from '../../worker/abuse/limits'
import { REASON_KEYS } from '../../worker/domain/comments/reasons'
import type { Summary } from '../../worker/domain/figures/summary'
import {
  answer,
  comment,
  countersAndResponses,
  newArticle,
  postJson,
  seedSite,
  settle,
  summaryOf,
  view,
} from './client'
import { send, tokenFor } from './stats-fixtures'

// What exists keeps working on the object path: comments and reasons that
// need the reader's response, the per-address bounds and flagging, the admin's exclusion.

const SITE = 'blora'
const ORIGIN = 'https://blorakab.go.id'
const OPD = 'dishub'

beforeAll(() => seedSite(SITE, [ORIGIN]))

describe('the object path and the features around the vote', () => {
  it('takes a comment and reasons right after the answer, before any alarm', async () => {
    const article = newArticle(ORIGIN)
    const reader = crypto.randomUUID()
    expect((await answer(ORIGIN, { opd: OPD, article, reader, rating: 1 })).status).toBe(200)
    expect((await comment(ORIGIN, { opd: OPD, article, reader })).status).toBe(204)
    const reasons = await postJson(
      '/api/v1/reasons',
      { opd: OPD, article, reader, reasons: [REASON_KEYS[0]] },
      { origin: ORIGIN },
    )
    expect(reasons.status).toBe(204)
    const stored = await env.DB.prepare(
      'SELECT count(*) AS n FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.key = ?',
    )
      .bind(article)
      .first()
    expect(stored).toEqual({ n: 1 })
  })

  it('refuses a new reader past the per-address bound, and flags past the lower one', async () => {
    const article = newArticle(ORIGIN)
    const address = '198.51.100.77'
    for (let i = 0; i < NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY; i++) {
      const res = await answer(ORIGIN, { opd: OPD, article, rating: 2 }, { address })
      expect(res.status).toBe(200)
    }
    const refused = await answer(ORIGIN, { opd: OPD, article, rating: 2 }, { address })
    expect(refused.status).toBe(429)
    const summary = await (await summaryOf(SITE, article)).json<Summary>()
    expect(summary.total).toBe(NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY)
    await settle()
    const flagged = await env.DB.prepare(
      'SELECT sum(r.flagged) AS flagged FROM responses r JOIN articles a ON a.id = r.article_id WHERE a.key = ?',
    )
      .bind(article)
      .first()
    expect(flagged).toEqual({
      flagged: NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY - FLAG_RESPONSES_AFTER,
    })

    // The admin excludes the flagged answers: the object and D1 agree when the call returns.
    const admin = (await tokenFor('admin')).token
    const res = await send('POST', '/api/v1/admin/flagged/exclude', admin, { site: SITE, article })
    expect(res.status).toBe(200)
    const body = await res.json<{ excluded: number; summary: Summary }>()
    expect(body.excluded).toBe(NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY - FLAG_RESPONSES_AFTER)
    expect(body.summary.total).toBe(FLAG_RESPONSES_AFTER)
    const { counters, days, stored } = await countersAndResponses(SITE, article)
    expect(days).toEqual(counters)
    expect(stored).toEqual(counters)
    expect((await (await summaryOf(SITE, article)).json<Summary>()).total).toBe(
      FLAG_RESPONSES_AFTER,
    )
  })

  it('keeps embed health’s last view and answer through the flush', async () => {
    const before = Date.now()
    const opd = 'diskes'
    await view(ORIGIN, { opd })
    expect((await answer(ORIGIN, { opd, rating: 4 })).status).toBe(200)
    await settle()
    const settled = Date.now()
    await new Promise((r) => setTimeout(r, 50))
    const admin = (await tokenFor('admin')).token
    const res = await send('GET', `/api/v1/stats/health?site=${SITE}`, admin)
    expect(res.status).toBe(200)
    const rows = (await res.json<{ rows: { opd: string | null; [k: string]: unknown }[] }>()).rows
    const row = rows.find((r) => r.opd === opd)!
    // Real times from the flush, not the stand-in for rows without one (the time of asking).
    for (const at of [row.last_view_at, row.last_response_at]) {
      expect(Date.parse(at as string)).toBeGreaterThanOrEqual(before)
      expect(Date.parse(at as string)).toBeLessThanOrEqual(settled)
    }
    expect(row).toMatchObject({ views_24h: 1, responses_24h: 1, silent: false })
  })
})

describe('an admin’s change in D1 reaches the article’s object', () => {
  const opdOf = async (article: string) =>
    (await (await summaryOf(SITE, article)).json<Summary>()).opd

  it('moves an article answered a moment ago (still in its object only), and counts on under the new OPD', async () => {
    const admin = (await tokenFor('admin')).token
    await send('PUT', `/api/v1/admin/sites/${SITE}/opds/dinsos`, admin, { name: 'Dinas Sosial' })
    const article = newArticle(ORIGIN)
    expect((await answer(ORIGIN, { opd: OPD, article, rating: 3 })).status).toBe(200)
    const moved = await send('PATCH', `/api/v1/admin/sites/${SITE}/articles`, admin, {
      article,
      opd: 'dinsos',
    })
    expect(moved.status).toBe(200)
    expect(await opdOf(article)).toBe('dinsos')
    expect((await answer(ORIGIN, { opd: OPD, article, rating: 1 })).status).toBe(200)
    const { counters, days, stored } = await countersAndResponses(SITE, article)
    expect(counters).toEqual({ sangat_puas: 0, puas: 1, cukup_puas: 0, tidak_puas: 1 })
    expect(stored).toEqual(counters)
    expect(days).toEqual(counters)
    const perOpd = await env.DB.prepare(
      `SELECT opd, sum(puas + tidak_puas) AS n FROM opd_days WHERE site_id = ? AND opd IN (?, ?)
       GROUP BY opd HAVING n > 0`,
    )
      .bind(SITE, OPD, 'dinsos')
      .all()
    // Both answers under the new OPD; the old one kept only what its other articles had.
    expect(perOpd.results).toContainEqual({ opd: 'dinsos', n: 2 })
  })

  it('merges an OPD: its articles’ objects answer under the target at once', async () => {
    const admin = (await tokenFor('admin')).token
    const article = newArticle(ORIGIN)
    expect((await answer(ORIGIN, { opd: 'dinas-lama', article, rating: 4 })).status).toBe(200)
    await settle()
    const merged = await send('POST', `/api/v1/admin/sites/${SITE}/opds/dinas-lama/merge`, admin, {
      into: 'dinsos',
    })
    expect(merged.status).toBe(200)
    expect(await opdOf(article)).toBe('dinsos')
  })

  it('merges an OPD whose new article is still in its object only: its view stays under a listed OPD', async () => {
    const admin = (await tokenFor('admin')).token
    await send('PUT', `/api/v1/admin/sites/${SITE}/opds/humas`, admin, { name: 'Humas' })
    const article = newArticle(ORIGIN)
    // Its first use adds the slug in D1 at once; the article reaches D1 with the first flush
    // (an article's first answer goes at once, so only a view is still in the object alone).
    expect((await view(ORIGIN, { opd: 'humas-lama', article })).status).toBe(204)
    const merged = await send('POST', `/api/v1/admin/sites/${SITE}/opds/humas-lama/merge`, admin, {
      into: 'humas',
    })
    expect(merged.status).toBe(200)
    await settle()
    // As a page still embedding the old slug would: the flush adds it again, counted from its
    // own answer, so every count sits under an OPD the site lists.
    const orphans = await env.DB.prepare(
      `SELECT DISTINCT d.opd FROM opd_days d WHERE d.site_id = ?
       AND NOT EXISTS (SELECT 1 FROM opds o WHERE o.site_id = d.site_id AND o.slug = d.opd)`,
    )
      .bind(SITE)
      .all()
    expect(orphans.results).toEqual([])
    const stats = await send('GET', `/api/v1/stats/opds?site=${SITE}`, admin)
    const { rows } = await stats.json<{ rows: { opd: string; views: number }[] }>()
    expect(rows).toContainEqual(expect.objectContaining({ opd: 'humas-lama', views: 1 }))
  })

  it('deletes a junk OPD that had only views: a later view of its article counts from zero', async () => {
    const admin = (await tokenFor('admin')).token
    const article = newArticle(ORIGIN)
    for (let i = 0; i < 3; i++)
      expect((await view(ORIGIN, { opd: 'zzjunk', article })).status).toBe(204)
    await settle()
    const deleted = await send('DELETE', `/api/v1/admin/sites/${SITE}/opds/zzjunk`, admin)
    expect(deleted.status).toBe(204)
    expect((await view(ORIGIN, { opd: 'zzjunk', article })).status).toBe(204)
    expect((await (await summaryOf(SITE, article)).json<Summary>()).views).toBe(1)
    await settle()
    const row = await env.DB.prepare('SELECT views FROM articles WHERE site_id = ? AND key = ?')
      .bind(SITE, article)
      .first()
    expect(row).toEqual({ views: 1 })
  })
})
