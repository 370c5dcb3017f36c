import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { callInProcess as call, seedSite, settle } from './client'

// Generated requests against the public endpoints: none may get a 5xx, and none may change
// a count unless it is valid and accepted.

const SITE = 'sragen'
const ORIGIN = 'https://sragenkab.go.id'
const ARTICLES = ['https://sragenkab.go.id/berita/a', 'https://sragenkab.go.id/berita/b']

const junk = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', '__proto__', 'x'.repeat(3000), "'; DROP TABLE responses; --"),
)
/** A field that is mostly right, sometimes wrong, sometimes missing. */
const field = <T>(good: fc.Arbitrary<T>) =>
  fc.option(fc.oneof({ arbitrary: good, weight: 3 }, { arbitrary: junk, weight: 1 }), {
    nil: undefined,
    freq: 8,
  })

const body = fc.record(
  {
    opd: field(fc.constantFrom('diskominfo', 'bappeda', 'rsud-sragen')),
    article: field(fc.constantFrom(...ARTICLES)),
    title: field(fc.string({ maxLength: 320 })),
    rating: field(fc.integer({ min: 0, max: 5 })),
    reader: field(fc.uuid({ version: 4 })),
    site: field(fc.constantFrom(SITE, 'lain')),
    hp: field(fc.constant('')),
    elapsed_ms: field(fc.integer({ min: 0, max: 20_000 })),
  },
  { requiredKeys: [] },
)
const rawBody = fc.oneof(
  { arbitrary: body.map((b) => JSON.stringify(b)), weight: 6 },
  { arbitrary: fc.json(), weight: 1 },
  { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
  { arbitrary: body.map((b) => JSON.stringify(b).slice(0, -3)), weight: 1 },
)
const contentType = fc.constantFrom(
  'application/json',
  'text/plain;charset=UTF-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'text/html',
  '',
)
const origin = fc.constantFrom(ORIGIN, ORIGIN, ORIGIN, 'https://evil.example', 'null', undefined)

async function totals() {
  return env.DB.prepare(
    `SELECT (SELECT sum(sangat_puas + puas + cukup_puas + tidak_puas) FROM articles) AS answers,
      (SELECT sum(views) FROM articles) AS views, (SELECT count(*) FROM responses) AS responses,
      (SELECT count(*) FROM view_marks) AS marks, (SELECT count(*) FROM opds) AS opds`,
  ).first()
}

const invariantHolds = async () => {
  const { results } = await env.DB.prepare(
    `SELECT a.id FROM articles a LEFT JOIN (SELECT article_id, count(*) AS n FROM responses WHERE spam = 0 GROUP BY article_id) r
       ON r.article_id = a.id
     WHERE a.sangat_puas + a.puas + a.cukup_puas + a.tidak_puas <> coalesce(r.n, 0)`,
  ).all()
  return results.length === 0
}

beforeAll(() => seedSite(SITE, [ORIGIN]))

// Thousands of requests on a small, busy machine: generous time, no timing asserted.
describe('generated requests', { timeout: 120_000 }, () => {
  it('to POST /api/v1/responses and /views never 5xx, and change counts only when accepted', async () => {
    // Requests run one at a time, so the totals after one request are the ones before the next.
    let last = await totals()
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/api/v1/responses', '/api/v1/views'),
        rawBody,
        contentType,
        origin,
        async (path, text, type, from) => {
          const res = await call('POST', path, text, {
            origin: from,
            contentType: type || undefined,
          })
          expect(res.status).toBeLessThan(500)
          // Always read the answer: unread bodies hold the runtime's connections open.
          const answer = await res.text()
          if (res.status >= 400) {
            expect(typeof JSON.parse(answer).error.code).toBe('string')
            expect(await totals()).toEqual(last)
          } else {
            // An accepted request reaches D1 now, not by its object's timer in the middle of
            // a later refused request's comparison.
            await settle()
            accepted++
            last = await totals()
          }
        },
      ),
      { numRuns: 1000 },
    )
    // About 2 % of the generated requests are valid (21 of 1,000 in one run): both sides ran.
    expect(accepted).toBeGreaterThan(0)
    expect(await invariantHolds()).toBe(true)
  })

  it('to GET /api/v1/summary never 5xx and never change anything', async () => {
    const param = fc.oneof(fc.string(), fc.constantFrom(...ARTICLES, SITE, crypto.randomUUID()))
    const query = fc.dictionary(
      fc.constantFrom('article', 'site', 'reader', 'opd', 'x', 'article[]'),
      param,
    )
    // The votes of the test before reach D1 by their objects' flushes: all in before counting.
    await settle()
    const before = await totals()
    await fc.assert(
      fc.asyncProperty(query, origin, async (q, from) => {
        const res = await call('GET', `/api/v1/summary?${new URLSearchParams(q)}`, null, {
          origin: from,
        })
        expect(res.status).toBeLessThan(500)
        await res.arrayBuffer()
      }),
      { numRuns: 600 },
    )
    expect(await totals()).toEqual(before)
  })

  // Content-Length is left to the platform: a wrong one is the HTTP layer's to refuse.
  it('with generated headers never 5xx', async () => {
    const headerName = fc.constantFrom(
      'Content-Type',
      'Origin',
      'CF-Connecting-IP',
      'X-Forwarded-For',
      'User-Agent',
      'Accept',
      'X-Custom',
    )
    const headerValue = fc.string({ maxLength: 60 }).filter((v) => /^[\x20-\x7e]*$/.test(v))
    const good = JSON.stringify({
      opd: 'rsud-sragen',
      article: ARTICLES[0],
      rating: 3,
      reader: crypto.randomUUID(),
    })
    await fc.assert(
      fc.asyncProperty(fc.dictionary(headerName, headerValue, { maxKeys: 4 }), async (headers) => {
        const res = await call('POST', '/api/v1/responses', good, { origin: ORIGIN, headers })
        expect(res.status).toBeLessThan(500)
        await res.arrayBuffer()
      }),
      { numRuns: 400 },
    )
    expect(await invariantHolds()).toBe(true)
  })
})
