import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { database } from '../../worker/db/client'
import { regionTable } from '../../worker/domain/regions/region-table'
import { PROVINCES } from '../../worker/domain/regions/regions'
import { regionSums } from '../../worker/storage/region-stats'
import { applyRetention, RESPONSE_RETENTION_DAYS } from '../../worker/storage/retention'
import { answer, seedSite, settle, view } from './client'
import { get, seedArticle, send, tokenFor } from './stats-fixtures'

// province_days, the roll-up the national view reads, is kept by triggers on site_days (itself
// kept by triggers on opd_days) and on sites.region: whatever writes an OPD's day or moves a
// site to another province moves the province's day with it, in the same statement.
const KUDUS = 'pd-kudus'
const KUDUS_ORIGIN = 'https://pd-kudus.go.id'
const TUBAN = 'pd-tuban'
const TUBAN_ORIGIN = 'https://pd-tuban.go.id'
const RANGE = { from: '2026-01-01', to: '2030-12-31' }
let admin: string

beforeAll(async () => {
  await seedSite(KUDUS, [KUDUS_ORIGIN])
  await seedSite(TUBAN, [TUBAN_ORIGIN])
  // Set through the admin API: the first region a site gets brings its days along too.
  await seedArticle(KUDUS, 'dinsos', `${KUDUS_ORIGIN}/berita/lama`, 'Lama', {
    '2026-05-01': [3, 1, 0, 0, 9],
    '2026-05-02': [0, 0, 2, 1, 5],
  })
  admin = (await tokenFor('admin')).token
  await ok(send('PATCH', `/api/v1/admin/sites/${KUDUS}`, admin, { region: '33.19' }))
  await ok(send('PATCH', `/api/v1/admin/sites/${TUBAN}`, admin, { region: '35.23' }))
})

const ok = async (res: Promise<Response>) => {
  const r = await res
  expect(r.status, await r.clone().text()).toBeLessThan(300)
}

/** Per province and day: the roll-up beside its sites' OPD days summed (zero rows left out). */
async function bothRollUps() {
  const sums = (alias: string) =>
    ['sangat_puas', 'puas', 'cukup_puas', 'tidak_puas', 'views']
      .map((c) => `sum(${alias}.${c}) AS ${c}`)
      .join(', ')
  const nonZero = 'HAVING sangat_puas + puas + cukup_puas + tidak_puas + views > 0'
  const read = (query: string) =>
    env.DB.prepare(query)
      .all()
      .then((r) => r.results)
  return {
    provinceDays: await read(`SELECT province, day, ${sums('p')} FROM province_days p
      GROUP BY province, day ${nonZero} ORDER BY province, day`),
    opdDays: await read(`SELECT substr(s.region, 1, 2) AS province, o.day, ${sums('o')}
      FROM opd_days o JOIN sites s ON s.id = o.site_id WHERE s.region IS NOT NULL
      GROUP BY province, o.day ${nonZero} ORDER BY province, o.day`),
  }
}

async function expectExact() {
  const both = await bothRollUps()
  expect(both.provinceDays).toEqual(both.opdDays)
  return both.provinceDays as { province: string; day: string }[]
}

describe('province_days', () => {
  it('stays the sum of its sites’ OPD days through votes, moves, region changes and retention', async () => {
    expect(await expectExact()).toHaveLength(2)

    const reader = crypto.randomUUID()
    const article = `${KUDUS_ORIGIN}/berita/1`
    await ok(answer(KUDUS_ORIGIN, { opd: 'dinkes', article, reader, rating: 1 }))
    await ok(answer(KUDUS_ORIGIN, { opd: 'dinkes', article, reader, rating: 4 }))
    await ok(answer(KUDUS_ORIGIN, { opd: 'dishub', rating: 2 }))
    await ok(answer(TUBAN_ORIGIN, { opd: 'dinkes', rating: 3 }))
    await ok(view(KUDUS_ORIGIN, { opd: 'dishub' }))
    await ok(view(KUDUS_ORIGIN, { opd: 'zzjunk' }))
    await expectExact()

    // OPD moves: an article to another OPD, a merge, a junk slug deleted.
    await ok(
      send('PATCH', `/api/v1/admin/sites/${KUDUS}/articles`, admin, { article, opd: 'dishub' }),
    )
    await ok(
      send('POST', `/api/v1/admin/sites/${KUDUS}/opds/dishub/merge`, admin, { into: 'dinsos' }),
    )
    await ok(send('DELETE', `/api/v1/admin/sites/${KUDUS}/opds/zzjunk`, admin))
    await expectExact()

    // Kudus moves to Jawa Timur, within it, out of every province, and back to Jawa Tengah.
    for (const region of ['35.23', '35', null, '33.19']) {
      await ok(send('PATCH', `/api/v1/admin/sites/${KUDUS}`, admin, { region }))
      const provinces = new Set((await expectExact()).map((r) => r.province))
      expect(provinces.has('33')).toBe(region?.startsWith('33') === true)
    }

    // Retention deletes old responses and keeps their ratings: no roll-up moves.
    const old = Date.now() - (RESPONSE_RETENTION_DAYS + 5) * 86_400_000
    await env.DB.prepare('UPDATE responses SET answered_at = ?').bind(old).run()
    const before = await bothRollUps()
    await applyRetention(database(env.DB), Date.now())
    expect(
      (await env.DB.prepare('SELECT count(*) AS n FROM responses').first<{ n: number }>())!.n,
    ).toBe(0)
    expect(await bothRollUps()).toEqual(before)
    await expectExact()
  })

  it('gives the national view the figures of the site days summed per province', async () => {
    const db = database(env.DB)
    await settle()
    // The query the national view ran before province_days: every site's days, per region.
    const old = regionTable('province', PROVINCES, await regionSums(db, RANGE))
    const res = await get(`/api/v1/stats/regions?${new URLSearchParams(RANGE)}`, admin)
    expect(res.status).toBe(200)
    const { rows } = await res.json<{ rows: Record<string, unknown>[] }>()
    expect(rows).toHaveLength(38)
    // Everything but the comparison with the range before (open here) and the reasons.
    const figures = rows.map(({ ikm_prev, ikm_change, change_significant, reasons, ...r }) => r)
    expect(figures).toEqual(old)
    const jateng = rows.find((r) => r.region === '33')!
    expect(jateng).toMatchObject({ sites: 1, total: 9 })
    expect(rows.find((r) => r.region === '35')).toMatchObject({ sites: 1, total: 1 })
  })
  it('answers period= as its days, compared with the period before', async () => {
    const rowsOf = async (query: string, token = admin) => {
      const res = await get(`/api/v1/stats/regions?${query}`, token)
      expect(res.status, await res.clone().text()).toBe(200)
      return res.json<{ period?: string; rows: Record<string, unknown>[] }>()
    }
    const month = await rowsOf('period=2026-05')
    expect(month.period).toBe('2026-05')
    expect(month.rows).toEqual((await rowsOf('from=2026-05-01&to=2026-05-31')).rows)
    expect(month.rows.find((r) => r.region === '33')).toMatchObject({ total: 7, ikm_prev: null })
  })

  it('gives a provinsi token its own province’s row, as the national view has it', async () => {
    const jateng = (await tokenFor('provinsi', null, null, '33')).token
    const range = new URLSearchParams({ ...RANGE, level: 'province' })
    const own = await get(`/api/v1/stats/regions?${range}`, jateng)
    const national = await get(`/api/v1/stats/regions?${range}`, admin)
    const row = (await national.json<{ rows: { region: string }[] }>()).rows.find(
      (r) => r.region === '33',
    )
    expect((await own.json<{ rows: unknown[] }>()).rows).toEqual([row])
  })
})
