import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { database } from '../../worker/db/client'
import { canonicalJson, type Json } from '../../worker/domain/exports/canonical-json'
import { sha256Hex } from '../../worker/domain/crypto'
import { jakartaDay } from '../../worker/domain/calendar/days'
import { applyRetention, RESPONSE_RETENTION_DAYS } from '../../worker/storage/retention'
import { call, postJson, rereadObjects, seedSite, settle, wholeDatabase } from './client'
import { get, seedArticle, send, tokenFor } from './stats-fixtures'

const SITE = 'purworejo'
const ORIGIN = 'https://purworejokab.go.id'
const SPAMMED = 'https://purworejokab.go.id/berita/jalan-rusak'
const STUFFER = '198.51.100.71'
const PAST_DAY = '2025-05-20'
const COMMENT = 'Jalan di depan pasar masih berlubang sejak Maret'
const DAY = 86_400_000
/** When the test sites were registered: before every period they publish. */
const REGISTERED = Date.parse('2023-12-31T17:00:00Z') // 2024-01-01 00:00 WIB
/** Titles a reader's page may set: they must stay text wherever a publication shows them. */
const HOSTILE_TITLES = ['<img src=x onerror=alert(1)>', '=HYPERLINK("http://x.example")']

let admin: string
let kominfo: string
let provinsi: string
let dinkes: string
const readers: string[] = []

interface Publication {
  id: string
  site: string
  opd: string | null
  period: string
  from: string
  to: string
  published_at: string
  sha256: string
  figures: {
    total: { site: string; total: number; ikm: number | null }
    opds: { opd: string; total: number }[]
    articles: { article: string; title: string | null; total: number }[]
    months: { month: string; opd: string; total: number }[]
  }
}

const publish = (body: unknown, token = admin) =>
  send('POST', '/api/v1/admin/publications', token, body)

/** Whether the text's `sha256` is the SHA-256 of its canonical JSON without that field. */
async function hashHolds(text: string) {
  const { sha256, ...document } = JSON.parse(text) as Record<string, Json>
  return (
    canonicalJson(JSON.parse(text)) === text &&
    (await sha256Hex(canonicalJson(document))) === sha256
  )
}

/** What the statistics API says now of one period, as text. */
/** The statistics as they stand, once D1 holds every answer (the object path flushes first). */
const liveFigures = async (period: string) => {
  await settle()
  return (await get(`/api/v1/stats/opds?site=${SITE}&period=${period}`, admin)).text()
}

/**
 * Answers through the public API, then moved to a day of May 2025 with their roll-ups, as if
 * they had been given then (the API counts an answer on today's day).
 */
async function answersOfMay() {
  for (let i = 0; i < 14; i++) {
    const reader = crypto.randomUUID()
    readers.push(reader)
    const res = await postJson(
      '/api/v1/responses',
      { opd: 'dpupr', article: SPAMMED, rating: 1, reader },
      { origin: ORIGIN, headers: { 'CF-Connecting-IP': STUFFER } },
    )
    expect(res.status).toBe(200)
  }
  const comment = await postJson(
    '/api/v1/comments',
    { opd: 'dpupr', article: SPAMMED, reader: readers[0], text: COMMENT },
    { origin: ORIGIN },
  )
  expect(comment.status).toBeLessThan(300)
  const today = jakartaDay(Date.now())
  const id = `(SELECT id FROM articles WHERE site_id = '${SITE}' AND key = '${SPAMMED}')`
  await settle()
  await env.DB.batch([
    env.DB.prepare(`UPDATE responses SET day = ? WHERE article_id = ${id}`).bind(PAST_DAY),
    env.DB.prepare(`UPDATE article_days SET day = ? WHERE article_id = ${id} AND day = ?`).bind(
      PAST_DAY,
      today,
    ),
    env.DB.prepare(
      `UPDATE opd_days SET day = ? WHERE site_id = ? AND opd = 'dpupr' AND day = ?`,
    ).bind(PAST_DAY, SITE, today),
  ])
  await rereadObjects()
}

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  admin = (await tokenFor('admin')).token
  kominfo = (await tokenFor('kominfo')).token
  provinsi = (await tokenFor('provinsi', null, null, '33')).token
  dinkes = (await tokenFor('opd', SITE, 'dinkes')).token
  await seedArticle(
    SITE,
    'dinkes',
    'https://purworejokab.go.id/berita/vaksin',
    'Vaksin «gratis» di puskesmas',
    {
      '2025-04-30': [1, 0, 0, 0, 3],
      '2025-05-01': [12, 1, 1, 2, 200],
      '2025-05-31': [0, 0, 0, 0, 84],
      '2025-06-01': [5, 5, 5, 5, 50],
    },
  )
  await seedArticle(SITE, 'bappeda', 'https://purworejokab.go.id/berita/musrenbang', null, {
    '2025-05-10': [0, 3, 1, 0, 40],
  })
  await seedArticle(SITE, 'bappeda', 'https://purworejokab.go.id/berita/rapat', null, {
    '2025-02-03': [1, 0, 0, 0, 5],
  })
  await env.DB.prepare('UPDATE sites SET created_at = ? WHERE id = ?').bind(REGISTERED, SITE).run()
  await answersOfMay()
})

describe('POST /api/v1/admin/publications', () => {
  let text: string

  it('freezes a site’s figures of an ended period: 201 with the statistics rows and a valid sha256', async () => {
    const res = await publish({ site: SITE, period: '2025-05' })
    expect(res.status).toBe(201)
    text = await res.text()
    const body = JSON.parse(text) as Publication
    expect(Object.keys(body)).toEqual([
      'figures',
      'from',
      'id',
      'opd',
      'period',
      'published_at',
      'sha256',
      'site',
      'to',
    ])
    expect(body).toMatchObject({
      site: SITE,
      opd: null,
      period: '2025-05',
      from: '2025-05-01',
      to: '2025-05-31',
    })
    expect(await hashHolds(text)).toBe(true)

    // The same rows as the statistics API gives for the period, at the moment of publishing
    // (less the live comparison with the period before, which a publication does not freeze).
    const frozen = ({
      ikm_prev,
      ikm_change,
      change_significant,
      ...row
    }: Record<string, unknown>) => row
    // A publication is one site's: its OPD rows leave out the columns that compare OPDs
    // across sites (docs/contract.md §13).
    const frozenOpd = ({
      category,
      region,
      region_name,
      province,
      rank_low,
      rank_high,
      ...row
    }: Record<string, unknown>) => frozen(row)
    const opds = await (
      await get(`/api/v1/stats/opds?site=${SITE}&from=2025-05-01&to=2025-05-31`, admin)
    ).json<{ rows: Record<string, unknown>[] }>()
    expect(body.figures.opds).toEqual(opds.rows.map(frozenOpd))
    const articles = await (
      await get(
        `/api/v1/stats/articles?site=${SITE}&from=2025-05-01&to=2025-05-31&sort=responses`,
        admin,
      )
    ).json<{ rows: { article: string }[] }>()
    expect(body.figures.articles).toEqual(
      [...articles.rows].sort((a, b) => (a.article < b.article ? -1 : 1)).map(frozen),
    )
    const sites = await (await get(`/api/v1/stats/sites?site=${SITE}&period=2025-05`, admin)).json<{
      rows: Record<string, unknown>[]
    }>()
    expect(body.figures.total).toEqual(frozen(sites.rows[0]))
    expect(body.figures.total.total).toBe(16 + 4 + 14)
    expect(body.figures.months.map((m) => [m.month, m.opd, m.total])).toEqual([
      ['2025-05', 'bappeda', 4],
      ['2025-05', 'dinkes', 16],
      ['2025-05', 'dpupr', 14],
    ])
  })

  it('holds nothing personal: no reader id, no comment text', () => {
    for (const reader of readers) expect(text).not.toContain(reader)
    expect(text).not.toContain('berlubang')
  })

  it('is read back byte for byte by anyone, with CORS *', async () => {
    const { id } = JSON.parse(text) as Publication
    const res = await call('GET', `/api/v1/public/publications/${id}`, null, {
      origin: 'https://data.go.id',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    expect(await res.text()).toBe(text)

    const list = await call('GET', `/api/v1/public/publications?site=${SITE}`)
    expect(list.status).toBe(200)
    expect(list.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const { figures: _figures, ...head } = JSON.parse(text) as Publication
    expect((await list.json<{ rows: unknown[] }>()).rows).toContainEqual(head)
  })

  it('stays byte-identical with a valid sha256 after a changed answer, spam exclusion and retention', async () => {
    const { id } = JSON.parse(text) as Publication
    const frozen = async () => (await call('GET', `/api/v1/public/publications/${id}`)).text()

    // A reader of May answering again today: the live figures of May lose that answer.
    let live = await liveFigures('2025-05')
    const again = await postJson(
      '/api/v1/responses',
      { opd: 'dpupr', article: SPAMMED, rating: 4, reader: readers[0] },
      { origin: ORIGIN },
    )
    expect(again.status).toBe(200)
    expect(await liveFigures('2025-05')).not.toBe(live)
    expect(await frozen()).toBe(text)

    // The flagged answers of May excluded as spam: the live figures change again.
    live = await liveFigures('2025-05')
    const excluded = await send('POST', '/api/v1/admin/flagged/exclude', admin, {
      site: SITE,
      article: SPAMMED,
    })
    expect((await excluded.json<{ excluded: number }>()).excluded).toBeGreaterThan(0)
    expect(await liveFigures('2025-05')).not.toBe(live)
    expect(await frozen()).toBe(text)

    // The retention job deleting May's per-reader rows.
    await settle()
    await env.DB.prepare(`UPDATE responses SET answered_at = ? WHERE day = ?`)
      .bind(Date.now() - (RESPONSE_RETENTION_DAYS + 1) * DAY, PAST_DAY)
      .run()
    const report = await applyRetention(database(env.DB), Date.now())
    expect(report.responses).toBeGreaterThan(0)
    expect(await frozen()).toBe(text)
    expect(await hashHolds(await frozen())).toBe(true)
  })

  it('lets an opd token publish its own OPD', async () => {
    const res = await publish({ site: SITE, opd: 'dinkes', period: '2025-Q2' }, dinkes)
    expect(res.status).toBe(201)
    const body = await res.json<Publication>()
    expect(body).toMatchObject({
      opd: 'dinkes',
      period: '2025-Q2',
      from: '2025-04-01',
      to: '2025-06-30',
    })
    // An OPD publication sums that OPD only.
    expect(body.figures.total.total).toBe(1 + 16 + 20)
    expect(body.figures.opds.map((o) => o.opd)).toEqual(['dinkes'])
    expect(body.figures.months.map((m) => [m.month, m.total])).toEqual([
      ['2025-04', 1],
      ['2025-05', 16],
      ['2025-06', 20],
    ])
  })

  it('publishes one of two concurrent requests for one scope and period: 201 and 409, never 500', async () => {
    for (const scope of [
      { site: SITE, period: '2025-Q1' },
      { site: SITE, opd: 'bappeda', period: '2025-Q1' },
    ]) {
      const answers = await Promise.all([publish(scope), publish(scope), publish(scope)])
      const statuses = answers.map((r) => r.status).sort()
      expect(statuses).toEqual([201, 409, 409])
      for (const r of answers.filter((r) => r.status === 409)) {
        expect((await r.json<{ error: { code: string } }>()).error.code).toBe('already_published')
      }
    }
    const list = await (await call('GET', `/api/v1/public/publications?site=${SITE}`)).json<{
      rows: Publication[]
    }>()
    expect(list.rows.filter((r) => r.period === '2025-Q1').map((r) => r.opd)).toEqual([
      null,
      'bappeda',
    ])
  })
})

describe('bad publish requests: a clear 4xx, and nothing changed', () => {
  const thisYear = jakartaDay(Date.now()).slice(0, 4)
  const thisMonth = jakartaDay(Date.now()).slice(0, 7)
  let otherSite: string
  let siteWide: string
  beforeAll(async () => {
    await seedSite('kebumen', [])
    otherSite = (await tokenFor('opd', 'kebumen', null)).token
    siteWide = (await tokenFor('opd', SITE, null)).token
  })

  it.each([
    [
      'a period not over yet (this year)',
      () => ({ site: SITE, period: thisYear }),
      () => admin,
      409,
      'period_not_over',
    ],
    [
      'a period not over yet (this month)',
      () => ({ site: SITE, period: thisMonth }),
      () => admin,
      409,
      'period_not_over',
    ],
    [
      'a period already published',
      () => ({ site: SITE, period: '2025-05' }),
      () => admin,
      409,
      'already_published',
    ],
    [
      'a malformed period',
      () => ({ site: SITE, period: '2025-13' }),
      () => admin,
      400,
      'invalid_request',
    ],
    [
      'a lower-case period',
      () => ({ site: SITE, period: '2025-q2' }),
      () => admin,
      400,
      'invalid_request',
    ],
    [
      'a period before 2000',
      () => ({ site: SITE, period: '1999' }),
      () => admin,
      400,
      'invalid_request',
    ],
    [
      'a period as a number',
      () => ({ site: SITE, period: 2025 }),
      () => admin,
      400,
      'invalid_request',
    ],
    ['no period', () => ({ site: SITE }), () => admin, 400, 'invalid_request'],
    ['no site', () => ({ period: '2024' }), () => admin, 400, 'invalid_request'],
    [
      'an extra field',
      () => ({ site: SITE, period: '2024', figures: {} }),
      () => admin,
      400,
      'invalid_request',
    ],
    [
      'an unknown site',
      () => ({ site: 'tidak-ada', period: '2024' }),
      () => admin,
      404,
      'unknown_site',
    ],
    [
      'an unknown OPD',
      () => ({ site: SITE, opd: 'dishub', period: '2024' }),
      () => admin,
      404,
      'unknown_opd',
    ],
    [
      'an opd token for another OPD',
      () => ({ site: SITE, opd: 'bappeda', period: '2024' }),
      () => dinkes,
      403,
      'out_of_scope',
    ],
    [
      'an opd token for its whole site',
      () => ({ site: SITE, period: '2024' }),
      () => dinkes,
      403,
      'out_of_scope',
    ],
    [
      'an opd token for another site',
      () => ({ site: SITE, period: '2024' }),
      () => otherSite,
      403,
      'out_of_scope',
    ],
    [
      'a site without a single answer in the period',
      () => ({ site: SITE, period: '2024' }),
      () => admin,
      409,
      'nothing_to_publish',
    ],
    [
      'an OPD without a single answer in the period (its site has some)',
      () => ({ site: SITE, opd: 'bappeda', period: '2025-06' }),
      () => admin,
      409,
      'nothing_to_publish',
    ],
    [
      'a period that ended before the site was registered',
      () => ({ site: SITE, period: '2023-12' }),
      () => admin,
      409,
      'period_before_site',
    ],
    ['a kominfo token', () => ({ site: SITE, period: '2024' }), () => kominfo, 403, 'forbidden'],
    // A provinsi token reads its province's figures; publishing is the pemda's own act.
    ['a provinsi token', () => ({ site: SITE, period: '2024' }), () => provinsi, 403, 'forbidden'],
  ])('%s', async (_name, body, token, status, code) => {
    const before = await wholeDatabase()
    const res = await publish(body(), token())
    expect(res.status).toBe(status)
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe(code)
    expect(await wholeDatabase()).toEqual(before)
  })

  it('needs a token', async () => {
    const before = await wholeDatabase()
    const res = await call(
      'POST',
      '/api/v1/admin/publications',
      JSON.stringify({ site: SITE, period: '2024' }),
    )
    expect(res.status).toBe(401)
    expect(await wholeDatabase()).toEqual(before)
  })

  it('lets an opd token of the whole site publish one of its OPDs', async () => {
    expect((await publish({ site: SITE, opd: 'bappeda', period: '2025' }, siteWide)).status).toBe(
      201,
    )
  })
})

describe('the days before a site was registered', () => {
  // Answers loaded on days before the site's registration (an import, a moved article): no
  // publication may freeze them under the site's name.
  const LATE = 'kebumenkab'
  beforeAll(async () => {
    await seedArticle(LATE, 'dinkes', 'https://kebumenkab.go.id/berita/vaksin', null, {
      '2025-02-27': [3, 1, 0, 0, 20],
      '2025-03-05': [2, 0, 0, 0, 10],
    })
    // Registered on 2025-03-01 at 06:00 WIB (still 2025-02-28 in UTC).
    const registered = Date.parse('2025-02-28T23:00:00Z')
    await env.DB.prepare('UPDATE sites SET created_at = ? WHERE id = ?')
      .bind(registered, LATE)
      .run()
  })

  it('refuses a period that ended the day before: 409 period_before_site, nothing changed', async () => {
    const before = await wholeDatabase()
    for (const period of ['2025-02', '2024']) {
      const res = await publish({ site: LATE, period })
      expect(res.status).toBe(409)
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe('period_before_site')
    }
    expect(await wholeDatabase()).toEqual(before)
  })

  it('publishes a period that runs into the registration day', async () => {
    const res = await publish({ site: LATE, period: '2025-Q1' })
    expect(res.status).toBe(201)
    expect((await res.json<Publication>()).figures.total.total).toBe(6)
  })
})

describe('titles that readers set', () => {
  const WONOGIRI = 'wonogiri'
  let id: string
  beforeAll(async () => {
    for (const [i, title] of HOSTILE_TITLES.entries()) {
      await seedArticle(WONOGIRI, 'dinkes', `https://wonogirikab.go.id/berita/${i}`, title, {
        '2025-04-02': [1, 1, 0, 0, 9],
      })
    }
    await env.DB.prepare('UPDATE sites SET created_at = ? WHERE id = ?')
      .bind(REGISTERED, WONOGIRI)
      .run()
    const res = await publish({ site: WONOGIRI, period: '2025-04' })
    expect(res.status).toBe(201)
    id = (await res.json<Publication>()).id
  })

  it('are frozen as the very strings they were', async () => {
    const body = await (await call('GET', `/api/v1/public/publications/${id}`)).json<Publication>()
    expect(body.figures.articles.map((a) => a.title)).toEqual(HOSTILE_TITLES)
  })

  it('are shown as text on the printable report', async () => {
    const text = await (await call('GET', `/laporan/${id}`)).text()
    expect(text).not.toContain('<img')
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(text).toContain('=HYPERLINK(&quot;http://x.example&quot;)')
  })
})

describe('public reads of publications', () => {
  it.each([
    ['/api/v1/public/publications/pub_0000000000000000', 404, 'unknown_publication'],
    ['/api/v1/public/publications/not-an-id', 404, 'unknown_publication'],
    ['/api/v1/public/publications', 400, 'invalid_request'],
    ['/api/v1/public/publications?site=Bad!', 400, 'invalid_request'],
    ['/api/v1/public/publications?site=tidak-ada', 404, 'unknown_site'],
  ])('%s is %i %s', async (path, status, code) => {
    const res = await call('GET', path, null, { origin: 'https://data.go.id' })
    expect(res.status).toBe(status)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect((await res.json<{ error: { code: string } }>()).error.code).toBe(code)
  })

  it('lists a site without publications as empty', async () => {
    await seedSite('wonosobo', [])
    const res = await call('GET', '/api/v1/public/publications?site=wonosobo')
    expect(await res.json()).toEqual({ site: 'wonosobo', rows: [] })
  })
})
