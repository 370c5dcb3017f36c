import { runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  FLAG_NEW_ARTICLES_AFTER,
  FLAG_SITE_RESPONSES_AFTER,
  NEW_ARTICLES_PER_NETWORK_SITE_DAY as ARTICLE_BOUND,
  NEW_OPDS_PER_NETWORK_SITE_DAY as OPD_BOUND,
  NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY as PER_ARTICLE,
  NEW_RESPONSES_PER_NETWORK_SITE_DAY as SITE_BOUND,
  NEW_VIEWS_PER_NETWORK_SITE_DAY as SITE_VIEW_BOUND,
  PUBLIC_REQUESTS_PER_ADDRESS_MINUTE as PUBLIC_PER_MINUTE,
  RESTRICTED_REQUESTS_PER_ADDRESS_MINUTE as RESTRICTED_PER_MINUTE,
} from '../../worker/abuse/limits'
import { createApp } from '../../worker/app'
import { callInProcess, seedSite, settle, wholeDatabase } from './client'

// Bounds per network and site (docs/abuse-limits.md): one address making up article keys,
// readers or OPD slugs cannot move a site's or an OPD's figures without bound. Each made-up
// key is an article object, and the test pool's workerd breaks past about 1,500 objects in
// one file (hot-path-bounds.test.ts): so the made-up keys here go a few dozen past each bound,
// which proves it as well as a thousand would.

const SITE = 'blora'
const ORIGIN = 'https://blorakab.go.id'

// The per-day bounds on their own: these tests send more than the per-minute limit allows
// from one address, so the per-minute binding is replaced by one that always lets through.
const app = createApp()
const perDayOnly = { ...env, PUBLIC_RATE_LIMIT: { limit: async () => ({ success: true }) } }
const send = async (
  path: string,
  body: object,
  address: string,
  origin = ORIGIN,
): Promise<Response> =>
  app.fetch(
    new Request(`https://tanggapan.test${path}`, {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'text/plain', 'CF-Connecting-IP': address },
      body: JSON.stringify(body),
    }),
    perDayOnly,
  )

/** Runs `count` calls, `width` at a time (the bounds are exact under concurrency). */
async function inParallel<T>(
  count: number,
  call: (i: number) => Promise<T>,
  width = 20,
): Promise<T[]> {
  const out: T[] = []
  for (let start = 0; start < count; start += width) {
    const size = Math.min(width, count - start)
    out.push(...(await Promise.all(Array.from({ length: size }, (_, j) => call(start + j)))))
  }
  return out
}
const SLOW = 300_000
/** A new reader's view from `address` on a page of `origin`. */
const viewFrom = (address: string, origin: string, fields: { article: string; opd?: string }) =>
  send('/api/v1/views', { opd: 'dinkes', reader: crypto.randomUUID(), ...fields }, address, origin)
const answer = (article: string, address: string, opd = 'dinkes', rating = 1) =>
  send('/api/v1/responses', { opd, article, rating, reader: crypto.randomUUID() }, address)

async function opdTotals(opd: string) {
  await settle()
  return env.DB.prepare(
    `SELECT coalesce(sum(sangat_puas + puas + cukup_puas + tidak_puas), 0) AS total
     FROM opd_days WHERE site_id = ? AND opd = ?`,
  )
    .bind(SITE, opd)
    .first<{ total: number }>()
}

/** Waits out the end of a wall-clock minute, so a per-minute test runs inside one window. */
async function freshMinute() {
  const seconds = new Date().getUTCSeconds()
  if (seconds > 40) await new Promise((r) => setTimeout(r, (61 - seconds) * 1000))
}

beforeAll(() => seedSite(SITE, [ORIGIN]))

describe('made-up article keys from one address', () => {
  const keys = ARTICLE_BOUND + 50
  it(
    `make at most ${ARTICLE_BOUND} articles a day; ${keys} keys cannot move an OPD's index past it, and a refused one leaves nothing`,
    async () => {
      const statuses = (
        await inParallel(keys, (i) =>
          answer(`${ORIGIN}/palsu/${i}`, '198.51.100.7', 'dispendukcapil'),
        )
      ).map((r) => r.status)
      expect(statuses.filter((s) => s === 200)).toHaveLength(ARTICLE_BOUND)
      expect(statuses.filter((s) => s === 429)).toHaveLength(keys - ARTICLE_BOUND)
      expect((await opdTotals('dispendukcapil'))!.total).toBe(ARTICLE_BOUND)
      const made = await env.DB.prepare(
        "SELECT count(*) AS n FROM articles WHERE site_id = ? AND opd = 'dispendukcapil'",
      )
        .bind(SITE)
        .first<{ n: number }>()
      expect(made!.n).toBe(ARTICLE_BOUND)
      // Past the lower bound the answers count, flagged for admins to exclude.
      const flagged = await env.DB.prepare(
        `SELECT sum(r.flagged) AS flagged FROM responses r JOIN articles a ON a.id = r.article_id
       WHERE a.site_id = ? AND a.opd = 'dispendukcapil'`,
      )
        .bind(SITE)
        .first<{ flagged: number }>()
      expect(flagged!.flagged).toBe(ARTICLE_BOUND - FLAG_NEW_ARTICLES_AFTER)

      // Past its bound, a refused new article leaves nothing behind, whether answered or
      // viewed, and other networks still add articles. (The same network as above: a second
      // one at its bound would be 200 more objects, past what the test pool holds in a file.)
      const before = await wholeDatabase()
      const opd = 'dispendukcapil'
      expect((await answer(`${ORIGIN}/palsu/lagi`, '198.51.100.7', opd)).status).toBe(429)
      expect(
        (await viewFrom('198.51.100.7', ORIGIN, { article: `${ORIGIN}/palsu/lihat`, opd })).status,
      ).toBe(429)
      expect(await wholeDatabase()).toEqual(before)
      expect((await answer(`${ORIGIN}/palsu/lagi`, '203.0.113.8', opd)).status).toBe(200)
    },
    SLOW,
  )
})

describe('made-up readers across many articles from one address', () => {
  it(
    `stop at ${SITE_BOUND} new readers a day on the site, flagged past ${FLAG_SITE_RESPONSES_AFTER}`,
    async () => {
      const articles = Math.ceil(SITE_BOUND / PER_ARTICLE) + 1
      const statuses = (
        await inParallel(articles * PER_ARTICLE, (i) =>
          answer(`berita-${i % articles}`, '198.51.100.9', 'bappeda'),
        )
      ).map((r) => r.status)
      expect(statuses.filter((s) => s === 200)).toHaveLength(SITE_BOUND)
      expect(statuses.filter((s) => s === 429)).toHaveLength(articles * PER_ARTICLE - SITE_BOUND)
      expect((await opdTotals('bappeda'))!.total).toBe(SITE_BOUND)
      const flagged = await env.DB.prepare(
        `SELECT sum(r.flagged) AS flagged FROM responses r JOIN articles a ON a.id = r.article_id
       WHERE a.site_id = ? AND a.opd = 'bappeda'`,
      )
        .bind(SITE)
        .first<{ flagged: number }>()
      expect(flagged!.flagged).toBeGreaterThanOrEqual(SITE_BOUND - FLAG_SITE_RESPONSES_AFTER)
      // Another network (a different carrier's address) is unaffected.
      expect((await answer('berita-0', '203.0.113.9', 'bappeda')).status).toBe(200)
    },
    SLOW,
  )

  it(`count views the same way, at ${SITE_VIEW_BOUND} a day on the site`, async () => {
    // The counter is the one the first view made in the site's guard object; set it to the
    // bound rather than send thousands.
    const view = (article: string) => viewFrom('198.51.100.10', ORIGIN, { article })
    expect((await view('lihat-1')).status).toBe(204)
    const guard = env.SITE_GUARDS.get(env.SITE_GUARDS.idFromName(SITE))
    const moved = await runInDurableObject(guard, (_, state) =>
      state.storage.sql.exec(
        `UPDATE counts SET count = ? WHERE count = 1 AND rowid =
          (SELECT rowid FROM counts WHERE key LIKE 'ws:%' ORDER BY rowid DESC LIMIT 1)`,
        SITE_VIEW_BOUND,
      ),
    )
    expect(moved.rowsWritten).toBe(1)
    expect((await view('lihat-2')).status).toBe(429)
    expect((await view('lihat-1')).status).toBe(429)
  })
})

describe('made-up OPD slugs from one address', () => {
  it(`add at most ${OPD_BOUND} OPDs a day, counting an IPv6 /48 as one network`, async () => {
    const site = 'pati'
    const origin = 'https://patikab.go.id'
    await seedSite(site, [origin])
    const statuses: number[] = []
    for (let i = 0; i <= OPD_BOUND; i++) {
      const address = `2001:db8:77:${(i + 1).toString(16)}::1`
      statuses.push(
        (await viewFrom(address, origin, { opd: `sampah-${i}`, article: `${origin}/${i}` })).status,
      )
    }
    expect(statuses.slice(0, OPD_BOUND).every((s) => s === 204)).toBe(true)
    expect(statuses[OPD_BOUND]).toBe(429)
    const opds = await env.DB.prepare('SELECT count(*) AS n FROM opds WHERE site_id = ?')
      .bind(site)
      .first<{ n: number }>()
    expect(opds!.n).toBe(OPD_BOUND)
    // A webmaster elsewhere still adds the real OPD, and known OPDs keep answering.
    expect((await viewFrom('203.0.113.77', origin, { article: `${origin}/x` })).status).toBe(204)
    expect(
      (await viewFrom('2001:db8:77:1::1', origin, { opd: 'sampah-0', article: `${origin}/y` }))
        .status,
    ).toBe(204)
  })

  it('let many first readers of one new OPD in at once: one new slug counts once', async () => {
    const site = 'rembang'
    const origin = 'https://rembangkab.go.id'
    await seedSite(site, [origin])
    const first = await Promise.all(
      Array.from({ length: 3 * OPD_BOUND }, (_, i) =>
        viewFrom('198.51.100.13', origin, { opd: 'dinsos', article: `${origin}/bansos/${i}` }),
      ),
    )
    expect(first.map((r) => r.status)).toEqual(Array(3 * OPD_BOUND).fill(204))
    for (let i = 1; i < OPD_BOUND; i++) {
      expect(
        (await viewFrom('198.51.100.13', origin, { opd: `opd-${i}`, article: `${origin}/${i}` }))
          .status,
      ).toBe(204)
    }
    expect(
      (await viewFrom('198.51.100.13', origin, { opd: 'satu-lagi', article: `${origin}/z` }))
        .status,
    ).toBe(429)
  })
})

describe('requests per minute, before any D1 statement', () => {
  it(
    `refuse the widget API past ${PUBLIC_PER_MINUTE} a minute from one address, before the origin lookup`,
    async () => {
      // Nothing here flushes: D1 is read as it is (wholeDatabase's settle would outlast the minute).
      await settle()
      await freshMinute()
      const address = '198.51.100.11'
      const summary = (origin = ORIGIN) =>
        callInProcess(
          'GET',
          // A page of an origin the site did not register: no reader could answer it, so its
          // summary is a D1 read that wakes no object (hundreds of summaries of one object queue).
          `/api/v1/summary?article=${encodeURIComponent('https://lain.example/menit')}`,
          null,
          {
            origin,
            headers: { 'CF-Connecting-IP': address },
          },
        )
      // The binding's window is the wall-clock minute; on a slow machine the loop may cross
      // into the next one, so the first refusal comes after one or two minutes' worth.
      let passed = 0
      let refused: Response | undefined
      while (passed < 2 * PUBLIC_PER_MINUTE && refused === undefined) {
        const batch = await Promise.all(Array.from({ length: 20 }, () => summary()))
        passed += batch.filter((r) => r.status === 200).length
        refused = batch.find((r) => r.status === 429)
      }
      expect(passed).toBeGreaterThanOrEqual(PUBLIC_PER_MINUTE)
      expect(refused?.status).toBe(429)
      const before = await wholeDatabase({ bookkeeping: true, settled: true })
      expect(Number(refused!.headers.get('Retry-After'))).toBeGreaterThan(0)
      // Refused before anything asked D1 which site the origin is: 429, not 403.
      expect((await summary('https://tidak-terdaftar.example')).status).toBe(429)
      expect(
        (
          await callInProcess(
            'POST',
            '/api/v1/responses',
            JSON.stringify({
              opd: 'dinkes',
              article: `${ORIGIN}/menit`,
              rating: 2,
              reader: crypto.randomUUID(),
            }),
            { origin: ORIGIN, headers: { 'CF-Connecting-IP': address } },
          )
        ).status,
      ).toBe(429)
      expect(await wholeDatabase({ bookkeeping: true, settled: true })).toEqual(before)
      // RATE_LIMITS=off lifts it (load tests from one machine).
      const off = await createApp().request(
        `/api/v1/summary?article=x&site=${SITE}`,
        { headers: { 'CF-Connecting-IP': address } },
        { ...env, RATE_LIMITS: 'off' },
      )
      expect(off.status).toBe(200)
    },
    SLOW,
  )

  it(
    `refuse the restricted API past ${RESTRICTED_PER_MINUTE} a minute without writing to D1`,
    async () => {
      // Nothing here flushes: D1 is read as it is (wholeDatabase's settle would outlast the minute).
      await settle()
      await freshMinute()
      const stats = () =>
        callInProcess('GET', '/api/v1/stats/opds?site=blora', null, {
          headers: { 'CF-Connecting-IP': '198.51.100.12' },
        })
      for (let i = 0; i < RESTRICTED_PER_MINUTE; i++) expect((await stats()).status).toBe(401)
      const before = await wholeDatabase({ bookkeeping: true, settled: true })
      for (let i = 0; i < 20; i++) expect((await stats()).status).toBe(429)
      expect(await wholeDatabase({ bookkeeping: true, settled: true })).toEqual(before)
    },
    SLOW,
  )
})
