import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { answer, seedSite, view, settle } from './client'
import { get, seedArticle, send, tokenFor } from './stats-fixtures'

// site_days, the roll-up the national view reads, is kept by triggers on opd_days: whatever
// writes an OPD's day (a vote, a changed answer, a view, a merge, a delete, a direct insert)
// moves the site's day with it, in the same statement.
const SITE = 'sd-kudus'
const ORIGIN = 'https://sd-kudus.go.id'
let admin: string

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  await env.DB.prepare(`UPDATE sites SET region = '33.19' WHERE id = ?`).bind(SITE).run()
  admin = (await tokenFor('admin')).token
})

/** Per day: the site's roll-up beside the sum of its OPDs' days (zero rows left out). */
async function bothRollUps() {
  await settle()
  const cols = 'sum(sangat_puas) s, sum(puas) p, sum(cukup_puas) c, sum(tidak_puas) t, sum(views) v'
  const nonZero = 'HAVING s + p + c + t + v > 0 ORDER BY day'
  const read = (table: string) =>
    env.DB.prepare(`SELECT day, ${cols} FROM ${table} WHERE site_id = ? GROUP BY day ${nonZero}`)
      .bind(SITE)
      .all()
      .then((r) => r.results)
  return { siteDays: await read('site_days'), opdDays: await read('opd_days') }
}

const ok = async (res: Promise<Response>) => expect((await res).status).toBeLessThan(300)

describe('site_days', () => {
  it('stays the sum of the OPD days through votes, changed answers, views, merges and deletes', async () => {
    const reader = crypto.randomUUID()
    const article = `${ORIGIN}/berita/1`
    await ok(answer(ORIGIN, { opd: 'dinkes', article, reader, rating: 1 }))
    await ok(answer(ORIGIN, { opd: 'dinkes', article, reader, rating: 4 }))
    await ok(answer(ORIGIN, { opd: 'dishub', rating: 2 }))
    await ok(view(ORIGIN, { opd: 'dishub' }))
    await ok(view(ORIGIN, { opd: 'zzjunk' }))
    await seedArticle(SITE, 'dinsos', `${ORIGIN}/berita/lama`, 'Lama', {
      '2026-05-01': [3, 1, 0, 0, 9],
      '2026-05-02': [0, 0, 2, 1, 5],
    })
    let both = await bothRollUps()
    expect(both.siteDays).toEqual(both.opdDays)
    expect(both.siteDays).toHaveLength(3)

    const merged = send('POST', `/api/v1/admin/sites/${SITE}/opds/dishub/merge`, admin, {
      into: 'dinkes',
    })
    await ok(merged)
    await ok(send('DELETE', `/api/v1/admin/sites/${SITE}/opds/zzjunk`, admin))
    await env.DB.prepare(
      `UPDATE opd_days SET day = '2026-05-03' WHERE site_id = ? AND day = '2026-05-02'`,
    )
      .bind(SITE)
      .run()
    both = await bothRollUps()
    expect(both.siteDays).toEqual(both.opdDays)
    expect(both.siteDays.map((r) => r.day)).toContain('2026-05-03')
    expect(both.siteDays.map((r) => r.day)).not.toContain('2026-05-02')
  })

  it('gives the national row the same figures as the site’s OPDs summed', async () => {
    const range = 'from=2026-01-01&to=2030-12-31'
    const opds = await (await get(`/api/v1/stats/opds?site=${SITE}&${range}`, admin)).json<{
      rows: { total: number; views: number }[]
    }>()
    const regions = await (await get(`/api/v1/stats/regions?${range}`, admin)).json<{
      rows: { region: string; total: number; views: number }[]
    }>()
    const jateng = regions.rows.find((r) => r.region === '33')!
    expect(jateng.total).toBe(opds.rows.reduce((n, r) => n + r.total, 0))
    expect(jateng.views).toBe(opds.rows.reduce((n, r) => n + r.views, 0))
    expect(jateng.total).toBe(9)
  })
})
