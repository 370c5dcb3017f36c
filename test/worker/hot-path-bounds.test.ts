import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { jakartaDay } from '../../worker/domain/calendar/days'
import type { RatingValue } from '../../worker/domain/figures/rating-scale'
import { articleObject } from '../../worker/hot-path/article'
import { guardKeys, type ResponseGuard } from '../../worker/storage/address-guard'
import { newArticle, seedSite, settle } from './client'

// The per-network-and-site bounds on the object path (worker/hot-path/site-guard-object.ts),
// exact under concurrency. abuse-site.test.ts proves the real bounds (1,000 readers, 200
// article keys) through the Worker, a few dozen keys past each: one object per made-up key,
// and the test pool's workerd slows quadratically and then breaks past about 1,500 objects in
// one file (its constructors overflow the stack; seen with the bare site-guard object too).
// Here the object is asked directly with small bounds of the same shape.

const SITE = 'blora'
const ORIGIN = 'https://blorakab.go.id'
const OPD = 'dinkes'

beforeAll(() => seedSite(SITE, [ORIGIN]))

/** One network's guard with small bounds; each test its own network. */
function network(bounds: Partial<ResponseGuard>): ResponseGuard {
  const hash = crypto.randomUUID().slice(0, 16)
  return {
    kind: 'r',
    addressHash: hash,
    networkHash: hash,
    limit: 100,
    siteLimit: 100,
    articleLimit: 100,
    flagAfter: 100,
    siteFlagAfter: 100,
    articleFlagAfter: 100,
    ...bounds,
  }
}

/** A new reader's vote from `guard`'s network on `key`: the reader's rating, or null when refused. */
async function vote(guard: ResponseGuard, key: string, rating: RatingValue = 2) {
  const now = Date.now()
  const row = await articleObject(env, SITE, key).vote({
    siteId: SITE,
    opd: OPD,
    key,
    title: null,
    reader: crypto.randomUUID(),
    rating,
    nowMs: now,
    day: jakartaDay(now),
    guard,
    keys: await guardKeys(guard, SITE, key),
  })
  return row?.yours ?? null
}

const stored = async (keys: string[]) =>
  env.DB.prepare(
    `SELECT count(*) AS answers, coalesce(sum(r.flagged), 0) AS flagged FROM responses r
     JOIN articles a ON a.id = r.article_id WHERE a.site_id = ? AND a.key IN (SELECT value FROM json_each(?))`,
  )
    .bind(SITE, JSON.stringify(keys))
    .first<{ answers: number; flagged: number }>()

describe('the site guard object', () => {
  it('lets exactly the site’s bound of new readers in, across articles, at once, flagging past the lower one', async () => {
    const guard = network({ siteLimit: 10, siteFlagAfter: 4 })
    const keys = Array.from({ length: 6 }, () => newArticle(ORIGIN))
    // The articles exist first (one reader each), so only the reader bound is in play.
    const first = await Promise.all(keys.map((key) => vote(network({}), key)))
    expect(first.every((r) => r === 2)).toBe(true)
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_, i) => vote(guard, keys[i % keys.length])),
    )
    expect(replies.filter((r) => r !== null)).toHaveLength(10)
    await settle()
    expect(await stored(keys)).toEqual({ answers: 6 + 10, flagged: 10 - 4 })
  })

  it('makes exactly the bound of new articles from one network, and no row for the refused ones', async () => {
    const guard = network({ articleLimit: 3, articleFlagAfter: 1 })
    const keys = Array.from({ length: 8 }, () => newArticle(ORIGIN))
    const replies = await Promise.all(keys.map((key) => vote(guard, key)))
    expect(replies.filter((r) => r !== null)).toHaveLength(3)
    await settle()
    const made = await env.DB.prepare(
      'SELECT count(*) AS n FROM articles WHERE site_id = ? AND key IN (SELECT value FROM json_each(?))',
    )
      .bind(SITE, JSON.stringify(keys))
      .first<{ n: number }>()
    expect(made).toEqual({ n: 3 })
    expect(await stored(keys)).toEqual({ answers: 3, flagged: 2 })
    // Another network still adds articles.
    expect(await vote(network({ articleLimit: 3 }), newArticle(ORIGIN))).toBe(2)
  })

  it('keeps one network’s count apart from another’s', async () => {
    const [a, b] = [network({ siteLimit: 2 }), network({ siteLimit: 2 })]
    const key = newArticle(ORIGIN)
    const replies = await Promise.all([a, a, a, b, b, b].map((g) => vote(g, key)))
    expect(replies.filter((r) => r !== null)).toHaveLength(4)
  })
})
