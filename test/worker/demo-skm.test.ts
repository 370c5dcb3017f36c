import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_OPDS, DEMO_SITE } from '../../scripts/demo-data'
import { DEMO_SKM_SERVICES, seedDemoSkm } from '../../scripts/demo-skm'
import { database } from '../../worker/db/client'
import { seedSite } from './client'
import { answerSchema } from './documented'
import { get, send, tokenFor } from './stats-fixtures'

// The demo pemda of `npm start` runs the SKM at two services (docs/skm.md): read back through
// GET /api/v1/stats/skm, as an OPD would, with the demo seeded as of a fixed instant.

// Friday 15 January 2027, 10:00 WIB: the survey covers October to December and 1–14 January.
const NOW = Date.parse('2027-01-15T03:00:00Z')
const SERVICES = DEMO_SKM_SERVICES.map((s) => s.slug)

interface Row {
  service: string
  opd: string
  respondents: number
  ikm_skm: number | null
  grade: string | null
  weakest: string[]
  profile: Record<string, Record<string, number>>
  population: number | null
  required_sample: number | null
  sample_adequate: boolean | null
  ikm_skm_prev: number | null
}
let admin: string

async function rows(query: string): Promise<Row[]> {
  const res = await get(`/api/v1/stats/skm?site=${DEMO_SITE.id}&${query}`, admin)
  expect(res.status).toBe(200)
  const body = await res.json<{ rows: Row[] }>()
  expect(answerSchema('get', '/api/v1/stats/skm').safeParse(body).error?.issues ?? []).toEqual([])
  return body.rows
}

const respondents = async (query: string) =>
  Object.fromEntries((await rows(query)).map((r) => [r.service, r.respondents]))

beforeAll(async () => {
  await seedSite(DEMO_SITE.id, ['https://contohkab.go.id'])
  admin = (await tokenFor('admin')).token
  for (const opd of DEMO_OPDS) {
    const res = await send('PUT', `/api/v1/admin/sites/${DEMO_SITE.id}/opds/${opd.slug}`, admin, {
      name: opd.name,
    })
    expect(res.status).toBe(200)
  }
  await seedDemoSkm(database(env.DB), NOW)
})

describe('the demo pemda’s SKM', () => {
  it('has respondents at both services in each of the last three months', async () => {
    for (const month of ['2026-10', '2026-11', '2026-12']) {
      const counts = await respondents(`period=${month}`)
      expect(Object.keys(counts).sort()).toEqual([...SERVICES].sort())
      for (const slug of SERVICES) expect(counts[slug]).toBeGreaterThan(0)
    }
    // This month up to yesterday, nothing before the three months nor from today on.
    for (const slug of SERVICES) {
      expect((await respondents('from=2027-01-01&to=2027-01-14'))[slug]).toBeGreaterThan(0)
      expect((await respondents('from=2026-09-01&to=2026-09-30'))[slug]).toBe(0)
      expect((await respondents('from=2027-01-15&to=2027-01-31'))[slug]).toBe(0)
    }
  })

  it('gives last month, over all of it, figures ready to publish: an adequate sample, a grade', async () => {
    const december = await rows('period=2026-12')
    expect(december.map((r) => [r.opd, r.service])).toEqual(
      DEMO_SKM_SERVICES.map((s) => [s.opd, s.slug]),
    )
    for (const row of december) {
      expect(row.population).not.toBeNull()
      expect(row.respondents).toBeGreaterThanOrEqual(row.required_sample as number)
      expect(row.sample_adequate).toBe(true)
      expect(row.grade).toMatch(/^[ABCD]$/)
      expect(row.ikm_skm_prev).not.toBeNull()
      // Some respondents gave a profile, some left it out.
      expect(Object.keys(row.profile.jenis_kelamin).sort()).toEqual(['L', 'P', 'tidak_diisi'])
    }
    // The whole month: its first and its last week both have respondents.
    for (const week of ['from=2026-12-01&to=2026-12-07', 'from=2026-12-25&to=2026-12-31']) {
      const counts = await respondents(week)
      for (const slug of SERVICES) expect(counts[slug]).toBeGreaterThan(0)
    }
    // What to improve first differs from service to service, and so does the index.
    const [a, b] = december
    expect(a.weakest[0]).not.toBe(b.weakest[0])
    expect(a.ikm_skm).not.toBe(b.ikm_skm)
  })

  it('changes nothing when seeded again at the same instant', async () => {
    const before = await rows('from=2026-10-01&to=2027-01-14')
    await seedDemoSkm(database(env.DB), NOW)
    expect(await rows('from=2026-10-01&to=2027-01-14')).toEqual(before)
  })
})
