import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { callInProcess, seedSite } from './client'
import { seedArticle, tokenFor } from './stats-fixtures'

// Generated requests against the restricted API, with tokens of every role and none: no
// 5xx, and a refused request changes nothing.

const SITE = 'klaten'
let tokens: (string | undefined)[] = []

/** Rows per table and the sums of every counter: changes whenever any data does. */
async function fingerprint() {
  const { results: tables } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT IN ('d1_migrations', 'rate_counters', 'daily_salts')",
  ).all<{ name: string }>()
  const counts = await env.DB.batch(
    tables.map(({ name }) => env.DB.prepare(`SELECT '${name}' AS t, count(*) AS n FROM "${name}"`)),
  )
  const sums = await env.DB.prepare(
    `SELECT sum(sangat_puas), sum(puas), sum(cukup_puas), sum(tidak_puas), sum(views), group_concat(title), group_concat(opd)
     FROM articles`,
  ).first()
  const names = await env.DB.prepare(
    `SELECT group_concat(coalesce(name, '') || origin) AS s FROM sites LEFT JOIN site_origins ON site_id = id`,
  ).first()
  const live = await env.DB.prepare(
    `SELECT count(*) AS n FROM tokens WHERE revoked_at IS NULL`,
  ).first()
  return JSON.stringify([counts.map((c) => c.results[0]), sums, names, live])
}

const token = () => fc.constantFrom(...tokens)
const date = fc.oneof(
  fc
    .date({ min: new Date('2020-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fc.string({ maxLength: 12 }),
)
const param = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(SITE, 'dinsos', 'lain', 'csv', 'json', 'lowest', 'highest', '10', '-1'),
)
const statsQuery = fc.record(
  {
    site: param,
    opd: param,
    article: param,
    from: date,
    to: date,
    sort: param,
    limit: param,
    format: param,
  },
  { requiredKeys: [] },
)
const slugish = fc.oneof(
  fc.constantFrom('pemda-baru', SITE, 'dinkes', 'A B'),
  fc.string({ maxLength: 12 }),
)
const adminBody = fc.oneof(
  fc.record(
    {
      id: slugish,
      name: fc.string({ maxLength: 130 }),
      origins: fc.array(fc.oneof(fc.webUrl(), fc.string()), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      role: fc.constantFrom('admin', 'kominfo', 'opd', 'root'),
      site: slugish,
      opd: slugish,
      label: fc.string({ maxLength: 90 }),
    },
    { requiredKeys: [] },
  ),
  fc.record({ name: fc.string({ maxLength: 130 }) }, { requiredKeys: [] }),
  fc.json(),
)
const adminRequest = fc.oneof(
  fc.tuple(fc.constant('POST'), fc.constant('/api/v1/admin/sites')),
  fc.tuple(
    fc.constant('PATCH'),
    slugish.map((s) => `/api/v1/admin/sites/${encodeURIComponent(s)}`),
  ),
  fc.tuple(
    fc.constant('PUT'),
    fc
      .tuple(slugish, slugish)
      .map(
        ([s, o]) => `/api/v1/admin/sites/${encodeURIComponent(s)}/opds/${encodeURIComponent(o)}`,
      ),
  ),
  fc.tuple(fc.constant('POST'), fc.constant('/api/v1/admin/tokens')),
  fc.tuple(
    fc.constant('DELETE'),
    fc.string({ maxLength: 10 }).map((id) => `/api/v1/admin/tokens/${encodeURIComponent(id)}`),
  ),
  fc.tuple(fc.constant('POST'), fc.constant('/api/v1/admin/flagged/exclude')),
)

beforeAll(async () => {
  await seedSite(SITE, ['https://klatenkab.go.id'])
  await seedArticle(SITE, 'dinsos', 'https://klatenkab.go.id/berita/a', 'Bansos «A»', {
    '2026-09-01': [3, 1, 0, 1, 9],
  })
  tokens = [
    (await tokenFor('admin')).token,
    (await tokenFor('kominfo')).token,
    (await tokenFor('opd', SITE)).token,
    (await tokenFor('opd', SITE, 'dinsos')).token,
    'not-a-token',
    undefined,
  ]
})

const auth = (t: string | undefined): Record<string, string> =>
  t === undefined ? {} : { Authorization: `Bearer ${t}` }

describe('generated restricted requests', { timeout: 120_000 }, () => {
  it('to the statistics never 5xx and never change anything', async () => {
    const before = await fingerprint()
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('opds', 'articles', 'timeseries', 'sites', 'scope'),
        statsQuery,
        token(),
        async (what, q, t) => {
          const res = await callInProcess(
            'GET',
            `/api/v1/stats/${what}?${new URLSearchParams(q)}`,
            null,
            { headers: auth(t) },
          )
          expect(res.status).toBeLessThan(500)
          await res.arrayBuffer()
        },
      ),
      { numRuns: 700 },
    )
    expect(await fingerprint()).toBe(before)
  })

  it('to the admin API never 5xx, and change nothing unless accepted', async () => {
    let last = await fingerprint()
    await fc.assert(
      fc.asyncProperty(adminRequest, adminBody, token(), async ([method, path], body, t) => {
        const res = await callInProcess(
          method,
          path,
          method === 'DELETE' ? null : JSON.stringify(body),
          { headers: auth(t) },
        )
        expect(res.status).toBeLessThan(500)
        const text = await res.text()
        const now = await fingerprint()
        if (res.status >= 400) {
          expect(JSON.parse(text).error.code).toMatch(/^[a-z_]+$/)
          expect(now).toBe(last)
        }
        last = now
      }),
      { numRuns: 500 },
    )
  })
})
