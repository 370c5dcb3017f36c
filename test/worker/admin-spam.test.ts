import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  FLAG_RESPONSES_AFTER,
  RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE,
} from '../../worker/abuse/limits'
import type { Summary } from '../../worker/domain/figures/summary'
import {
  answer,
  callInProcess,
  countersAndResponses,
  errorOf,
  seedSite,
  settle,
  summaryOf,
  unchanged,
  wholeDatabase,
} from './client'
import { get, send, tokenFor } from './stats-fixtures'

const SITE = 'wonogiri'
const ORIGIN = 'https://wonogirikab.go.id'
const ARTICLE = 'https://wonogirikab.go.id/berita/banjir-suara'
const STUFFER = '198.51.100.44'

const vote = (address: string, reader = crypto.randomUUID(), rating = 1) =>
  answer(ORIGIN, { opd: 'dpupr', article: ARTICLE, rating, reader }, { address: address })

let admin: string
let kominfo: string
const stuffedReaders: string[] = []

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  admin = (await tokenFor('admin')).token
  kominfo = (await tokenFor('kominfo')).token
  for (let i = 0; i < 25; i++) {
    const reader = crypto.randomUUID()
    stuffedReaders.push(reader)
    await vote(STUFFER, reader, 1)
  }
  for (let i = 0; i < 5; i++) await vote(`203.0.113.${i + 10}`, undefined, 4)
  // The listing reads D1: the votes are there once flushed.
  await settle()
})

describe('excluding flagged responses', () => {
  it('is for admins only', async () => {
    const before = await wholeDatabase()
    expect((await get('/api/v1/admin/flagged', kominfo)).status).toBe(403)
    expect(
      (
        await send('POST', '/api/v1/admin/flagged/exclude', kominfo, {
          site: SITE,
          article: ARTICLE,
        })
      ).status,
    ).toBe(403)
    expect((await get('/api/v1/admin/flagged')).status).toBe(401)
    expect(await wholeDatabase()).toEqual(before)
  })

  it('lists the articles with flagged responses', async () => {
    const res = await get(`/api/v1/admin/flagged?site=${SITE}`, admin)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      rows: [
        {
          site: SITE,
          opd: 'dpupr',
          article: ARTICLE,
          title: null,
          flagged: 25 - FLAG_RESPONSES_AFTER,
        },
      ],
    })
  })

  it('takes them out of every figure, and nothing drifts', async () => {
    const res = await send('POST', '/api/v1/admin/flagged/exclude', admin, {
      site: SITE,
      article: ARTICLE,
    })
    expect(res.status).toBe(200)
    const body = await res.json<{ excluded: number; summary: Summary }>()
    expect(body.excluded).toBe(25 - FLAG_RESPONSES_AFTER)
    expect(body.summary.counts).toEqual({
      sangat_puas: 5,
      puas: 0,
      cukup_puas: 0,
      tidak_puas: FLAG_RESPONSES_AFTER,
    })
    expect((await (await summaryOf(SITE, ARTICLE)).json<Summary>()).total).toBe(
      5 + FLAG_RESPONSES_AFTER,
    )

    const { counters, days, stored } = await countersAndResponses(SITE, ARTICLE)
    expect(counters).toEqual(stored)
    expect(days).toEqual(stored)
    const opd = await env.DB.prepare(
      `SELECT sum(sangat_puas) AS sangat_puas, sum(puas) AS puas, sum(cukup_puas) AS cukup_puas, sum(tidak_puas) AS tidak_puas
       FROM opd_days WHERE site_id = ? AND opd = 'dpupr'`,
    )
      .bind(SITE)
      .first()
    expect(opd).toEqual(counters)
    const stats = await get(`/api/v1/stats/opds?site=${SITE}`, admin)
    expect((await stats.json<{ rows: { total: number }[] }>()).rows[0].total).toBe(
      5 + FLAG_RESPONSES_AFTER,
    )
  })

  it('keeps an excluded reader out when they answer again, and a second exclusion finds nothing', async () => {
    const excludedReader = stuffedReaders.at(
      -1,
    ) as `${string}-${string}-${string}-${string}-${string}`
    const before = await countersAndResponses(SITE, ARTICLE)
    expect((await vote('203.0.113.99', excludedReader, 4)).status).toBe(200)
    expect(await countersAndResponses(SITE, ARTICLE)).toEqual(before)
    const again = await send('POST', '/api/v1/admin/flagged/exclude', admin, {
      site: SITE,
      article: ARTICLE,
    })
    expect((await again.json<{ excluded: number }>()).excluded).toBe(0)
  })

  it.each([
    ['no article', { site: SITE }, 400, 'invalid_request'],
    ['an unknown site', { site: 'tidak-ada', article: ARTICLE }, 404, 'unknown_site'],
    ['an extra field', { site: SITE, article: ARTICLE, all: true }, 400, 'invalid_request'],
  ])('answers %s with a 4xx and changes nothing', async (_name, body, status, code) => {
    const res = await unchanged(() => send('POST', '/api/v1/admin/flagged/exclude', admin, body))
    expect(await errorOf(res)).toMatchObject({ status, code })
  })
})

describe('the restricted API’s rate limit', () => {
  it(`stops one address after ${RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE} requests a minute, tokens or not`, async () => {
    const from = (address: string) =>
      callInProcess('GET', '/api/v1/stats/scope', null, {
        headers: { 'CF-Connecting-IP': address, Authorization: 'Bearer guess' },
      })
    const statuses: number[] = []
    for (let i = 0; i <= RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE; i++) {
      const res = await from('192.0.2.66')
      await res.arrayBuffer()
      statuses.push(res.status)
    }
    // A minute may turn during the loop and open a new window; then the last one passes too.
    const refused = statuses.filter((s) => s === 429).length
    expect(statuses.slice(0, RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE).every((s) => s === 401)).toBe(
      true,
    )
    expect(refused === 1 || statuses.at(-1) === 401).toBe(true)
    const last = await from('192.0.2.66')
    if (last.status === 429) expect(Number(last.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect((await from('192.0.2.67')).status).toBe(401)
  })
})
