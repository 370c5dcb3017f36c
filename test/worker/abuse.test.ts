import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  FLAG_RESPONSES_AFTER,
  NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY as BOUND,
  NEW_VIEWS_PER_ADDRESS_ARTICLE_DAY as VIEW_BOUND,
} from '../../worker/abuse/limits'
import { createApp } from '../../worker/app'
import type { Summary } from '../../worker/domain/figures/summary'
import {
  answer,
  countersAndResponses,
  errorOf,
  seedSite,
  settle,
  summaryOf,
  view,
  wholeDatabase,
} from './client'

const SITE = 'grobogan'
const ORIGIN = 'https://grobogan.go.id'
const OFFICE = '198.51.100.23'

const vote = (
  article: string,
  address: string,
  reader = crypto.randomUUID(),
  rating = 1,
  extra = {},
) => answer(ORIGIN, { opd: 'dinkes', article, rating, reader, ...extra }, { address: address })

beforeAll(() => seedSite(SITE, [ORIGIN]))

describe('vote stuffing from one address', () => {
  it(`stops made-up readers at ${BOUND} per article and day with 429, and the counts stop moving`, async () => {
    const article = 'https://grobogan.go.id/berita/isian-palsu'
    const statuses: number[] = []
    for (let i = 0; i < BOUND + 15; i++) statuses.push((await vote(article, OFFICE)).status)
    expect(statuses.slice(0, BOUND)).toEqual(Array(BOUND).fill(200))
    expect(statuses.slice(BOUND)).toEqual(Array(15).fill(429))

    const refused = await vote(article, OFFICE)
    expect(refused.status).toBe(429)
    const wait = Number(refused.headers.get('Retry-After'))
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(86_400)
    expect(await errorOf(refused)).toMatchObject({ status: 429, code: 'rate_limited' })

    const summary = await (await summaryOf(SITE, article)).json<Summary>()
    expect(summary.total).toBe(BOUND)
    const { counters, stored } = await countersAndResponses(SITE, article)
    expect(counters).toEqual(stored)
  })

  it('holds exactly under concurrent requests', async () => {
    const article = 'https://grobogan.go.id/berita/serbuan'
    const replies = await Promise.all(
      Array.from({ length: BOUND + 30 }, () => vote(article, '198.51.100.99')),
    )
    expect(replies.filter((r) => r.status === 200)).toHaveLength(BOUND)
    expect(replies.filter((r) => r.status === 429)).toHaveLength(30)
    expect((await (await summaryOf(SITE, article)).json<Summary>()).total).toBe(BOUND)
  })

  it('leaves readers on other networks, and other articles, unaffected', async () => {
    const article = 'https://grobogan.go.id/berita/kantor-ramai'
    for (let i = 0; i < BOUND; i++) await vote(article, '198.51.100.50')
    expect((await vote(article, '198.51.100.50')).status).toBe(429)
    for (let i = 0; i < 5; i++) expect((await vote(article, `203.0.113.${i + 1}`)).status).toBe(200)
    expect((await vote('https://grobogan.go.id/berita/lain', '198.51.100.50')).status).toBe(200)
    expect((await (await summaryOf(SITE, article)).json<Summary>()).total).toBe(BOUND + 5)
  })

  it('lets a reader who already answered change their answer past the bound', async () => {
    const article = 'https://grobogan.go.id/berita/ubah-jawaban'
    const me = crypto.randomUUID()
    await vote(article, '198.51.100.60', me, 4)
    for (let i = 1; i < BOUND + 3; i++) await vote(article, '198.51.100.60')
    const changed = await vote(article, '198.51.100.60', me, 2)
    expect(changed.status).toBe(200)
    expect((await changed.json<Summary>()).yours).toBe(2)
  })

  it(`treats an IPv6 /64 as one address`, async () => {
    const article = 'https://grobogan.go.id/berita/ipv6'
    for (let i = 0; i < BOUND; i++) await vote(article, `2001:db8:aa:bb::${(i + 1).toString(16)}`)
    expect((await vote(article, '2001:db8:aa:bb:ffff:1:2:3')).status).toBe(429)
    expect((await vote(article, '2001:db8:aa:cc::1')).status).toBe(200)
  })

  it(`flags answers past ${FLAG_RESPONSES_AFTER} new readers from one address`, async () => {
    const article = 'https://grobogan.go.id/berita/ditandai'
    for (let i = 0; i < 25; i++) await vote(article, '198.51.100.70')
    await settle()
    const row = await env.DB.prepare(
      'SELECT sum(flagged) AS flagged, count(*) AS n FROM responses r JOIN articles a ON a.id = r.article_id WHERE a.key = ?',
    )
      .bind(article)
      .first()
    expect(row).toEqual({ flagged: 25 - FLAG_RESPONSES_AFTER, n: 25 })
  })

  it(`bounds views the same way, at ${VIEW_BOUND}`, async () => {
    const article = 'https://grobogan.go.id/berita/dilihat-palsu'
    const look = () => view(ORIGIN, { opd: 'dinkes', article }, { address: '198.51.100.80' })
    const statuses = await Promise.all(Array.from({ length: VIEW_BOUND + 10 }, look))
    expect(statuses.filter((r) => r.status === 204)).toHaveLength(VIEW_BOUND)
    expect(statuses.filter((r) => r.status === 429)).toHaveLength(10)
    expect((await (await summaryOf(SITE, article)).json<Summary>()).views).toBe(VIEW_BOUND)
  })

  it('are lifted with RATE_LIMITS=off (load tests from one machine)', async () => {
    const app = createApp()
    const article = 'https://grobogan.go.id/berita/uji-beban'
    const offEnv = { ...env, RATE_LIMITS: 'off' }
    for (let i = 0; i < BOUND + 5; i++) {
      const res = await app.request(
        '/api/v1/responses',
        {
          method: 'POST',
          headers: { Origin: ORIGIN, 'Content-Type': 'text/plain', 'CF-Connecting-IP': OFFICE },
          body: JSON.stringify({ opd: 'dinkes', article, rating: 3, reader: crypto.randomUUID() }),
        },
        offEnv,
      )
      expect(res.status).toBe(200)
    }
    expect((await (await summaryOf(SITE, article)).json<Summary>()).total).toBe(BOUND + 5)
  })
})

describe('scripted answers', () => {
  it.each([
    ['a filled honeypot', { hp: 'http://spam.example' }],
    ['an answer faster than a person', { elapsed_ms: 40 }],
  ])('with %s are dropped silently: 200, and nothing stored', async (_name, signals) => {
    const article = 'https://grobogan.go.id/berita/skrip'
    await vote(article, '203.0.113.200', crypto.randomUUID(), 4)
    const before = await wholeDatabase()
    const res = await vote(article, '203.0.113.201', crypto.randomUUID(), 1, signals)
    expect(res.status).toBe(200)
    expect((await res.json<Summary>()).yours).toBe(1)
    expect(await wholeDatabase()).toEqual(before)
  })

  it('keeps an answer that took a person’s time, and one without signals', async () => {
    const article = 'https://grobogan.go.id/berita/manusia'
    expect(
      (await vote(article, '203.0.113.210', undefined, 4, { elapsed_ms: 5200, hp: '' })).status,
    ).toBe(200)
    expect((await vote(article, '203.0.113.211', undefined, 3)).status).toBe(200)
    expect((await (await summaryOf(SITE, article)).json<Summary>()).total).toBe(2)
  })
})

describe('what abuse limits store', () => {
  it('keeps only salted hashes of addresses, never the address', async () => {
    const dump = JSON.stringify(await wholeDatabase({ bookkeeping: true }))
    expect(dump).toContain('rate_counters')
    for (const address of [OFFICE, '198.51.100', '2001:db8', '203.0.113'])
      expect(dump).not.toContain(address)
  })
})
