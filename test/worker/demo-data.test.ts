import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_OPDS, DEMO_SITE, demoSeedSql } from '../../scripts/demo-data'
import { unlimitedD1 } from '../d1-limits'
import { get, tokenFor } from './stats-fixtures'

// The news demo of `npm start` in a real D1 (the same migrations and triggers), seeded as of a
// fixed day and again as of later ones: every counter and roll-up equals the rows it counts,
// a second start on the same day adds nothing, and the dashboard's usual ranges have answers.

// Wednesday 2 December 2026: the demo covers 1 September to 1 December.
const TODAY = '2026-12-02'

/** The seed as `npm start` runs it (a local script, not a Worker: no invocation limits). */
async function seed(today: string) {
  const db = unlimitedD1(env.DB)
  const statements = (await demoSeedSql(['http://localhost:8787'], today)).split('\n')
  await db.batch(statements.filter((s) => s !== '').map((s) => db.prepare(s)))
}

const RATINGS = ['tidak_puas', 'cukup_puas', 'puas', 'sangat_puas']
const COUNTERS = ['sangat_puas', 'puas', 'cukup_puas', 'tidak_puas', 'views']
const differ = (a: string, b: string) =>
  COUNTERS.map((c) => `${a}.${c} IS NOT coalesce(${b}.${c}, 0)`).join(' OR ')
const sums = (t: string) => COUNTERS.map((c) => `sum(${t}.${c}) AS ${c}`).join(', ')

/** How many rows break each invariant: all zeros when the counts cannot have drifted. */
async function drift() {
  const byRating = RATINGS.map((k, i) => `sum(rating = ${i + 1}) AS ${k}`).join(', ')
  const query = `SELECT
    (SELECT count(*) FROM articles a LEFT JOIN (SELECT article_id, ${byRating}
        FROM responses WHERE spam = 0 GROUP BY article_id) r ON r.article_id = a.id
      WHERE ${RATINGS.map((c) => `a.${c} IS NOT coalesce(r.${c}, 0)`).join(' OR ')}) AS responses,
    (SELECT count(*) FROM articles a LEFT JOIN (SELECT article_id, ${sums('d')}
        FROM article_days d GROUP BY article_id) d ON d.article_id = a.id
      WHERE ${differ('a', 'd')}) AS article_days,
    (SELECT count(*) FROM opd_days o LEFT JOIN (SELECT a.site_id, a.opd, d.day, ${sums('d')}
        FROM article_days d JOIN articles a ON a.id = d.article_id GROUP BY 1, 2, 3) d
        USING (site_id, opd, day) WHERE ${differ('o', 'd')}) AS opd_days,
    (SELECT count(*) FROM site_days s LEFT JOIN (SELECT site_id, day, ${sums('o')}
        FROM opd_days o GROUP BY 1, 2) o USING (site_id, day) WHERE ${differ('s', 'o')}) AS site_days,
    (SELECT count(*) FROM province_days p LEFT JOIN (SELECT substr(x.region, 1, 2) AS province,
        s.day, ${sums('s')} FROM site_days s JOIN sites x ON x.id = s.site_id GROUP BY 1, 2) s
        USING (province, day) WHERE ${differ('p', 's')}) AS province_days,
    (SELECT count(*) FROM reason_days d LEFT JOIN (SELECT site_id, article, day, reason,
        count(*) AS n FROM reasons GROUP BY 1, 2, 3, 4) r USING (site_id, article, day, reason)
      WHERE d.count IS NOT r.n) AS reason_days,
    (SELECT count(*) FROM article_days
      WHERE views < sangat_puas + puas + cukup_puas + tidak_puas) AS fewer_views_than_answers`
  return env.DB.prepare(query).first()
}

const totals = () =>
  env.DB.prepare(
    `SELECT (SELECT count(*) FROM responses) AS responses, (SELECT sum(views) FROM articles) AS views,
      (SELECT count(*) FROM comments) AS comments, (SELECT count(*) FROM reasons) AS reasons`,
  ).first<{ responses: number; views: number; comments: number; reasons: number }>()

const NO_DRIFT = {
  responses: 0,
  article_days: 0,
  opd_days: 0,
  site_days: 0,
  province_days: 0,
  reason_days: 0,
  fewer_views_than_answers: 0,
}

let admin: string
beforeAll(async () => {
  await seed(TODAY)
  admin = (await tokenFor('admin')).token
})

describe('the news demo in D1', () => {
  it('has counters and roll-ups equal to its rows, and views never fewer than answers', async () => {
    expect(await drift()).toEqual(NO_DRIFT)
    const seeded = await totals()
    expect(seeded?.responses).toBeGreaterThan(1000)
    expect(seeded?.comments).toBeGreaterThan(0)
    expect(seeded?.reasons).toBeGreaterThan(0)
  })

  it('adds nothing on a second start the same day, and only the new days a week later', async () => {
    const before = await totals()
    await seed(TODAY)
    expect(await totals()).toEqual(before)

    await seed('2026-12-09')
    expect(await drift()).toEqual(NO_DRIFT)
    const after = await totals()
    expect(after!.responses).toBeGreaterThan(before!.responses)
    const newest = await env.DB.prepare(
      `SELECT max(day) AS day FROM responses r JOIN articles a ON a.id = r.article_id
        WHERE a.site_id = ?`,
    )
      .bind(DEMO_SITE.id)
      .first<{ day: string }>()
    expect(newest?.day).toBe('2026-12-08')
  })

  it('gives every OPD of the demo site answers in the dashboard’s ranges', async () => {
    // As of TODAY: the last seven days, last month and the month before.
    for (const range of [
      'from=2026-11-25&to=2026-12-01',
      'period=2026-11',
      'period=2026-10',
      'period=2026-09',
    ]) {
      const res = await get(`/api/v1/stats/opds?site=${DEMO_SITE.id}&${range}`, admin)
      expect(res.status).toBe(200)
      const { rows } = await res.json<{ rows: { opd: string; total: number }[] }>()
      for (const opd of DEMO_OPDS) {
        expect(rows.find((r) => r.opd === opd.slug)?.total, `${opd.slug} ${range}`).toBeGreaterThan(
          0,
        )
      }
    }
  })
})
