import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { answer, postJson, seedSite, settle, view } from './client'
import { expectRefusals, get, type Refusal, seedArticle, send, tokenFor } from './stats-fixtures'

// Deleting and merging OPDs and moving articles between them: figures move with them, an
// OPD's days always equal the sum of its articles' days, and bad input changes nothing.
// On the object path D1 is a flush behind the answers: every read of D1 here settles first.
let admin: string
beforeAll(async () => {
  admin = (await tokenFor('admin')).token
})

const RANGE = 'from=2026-01-01&to=2026-12-31'

/** Per OPD and day: the OPD roll-up beside the sum of its articles' days (zero rows left out). */
async function rollUps(site: string) {
  await settle()
  const cols = 'sum(sangat_puas) s, sum(puas) p, sum(cukup_puas) c, sum(tidak_puas) t, sum(views) v'
  const nonZero = 'HAVING s + p + c + t + v > 0 ORDER BY opd, day'
  const opdDays = await env.DB.prepare(
    `SELECT opd, day, ${cols} FROM opd_days WHERE site_id = ? GROUP BY opd, day ${nonZero}`,
  )
    .bind(site)
    .all()
  const articleDays = await env.DB.prepare(
    `SELECT a.opd, d.day, ${cols.replace(/sum\((\w+)\)/g, 'sum(d.$1)')}
     FROM article_days d JOIN articles a ON a.id = d.article_id WHERE a.site_id = ? GROUP BY a.opd, d.day ${nonZero}`,
  )
    .bind(site)
    .all()
  return { opdDays: opdDays.results, articleDays: articleDays.results }
}

async function siteTotals(site: string) {
  await settle()
  return env.DB.prepare(
    'SELECT sum(sangat_puas) s, sum(puas) p, sum(cukup_puas) c, sum(tidak_puas) t, sum(views) v FROM opd_days WHERE site_id = ?',
  )
    .bind(site)
    .first()
}

type OpdRow = {
  opd: string
  name: string | null
  total: number
  views: number
  counts: Record<string, number>
}
async function opdStats(site: string) {
  await settle()
  const res = await get(`/api/v1/stats/opds?site=${site}&${RANGE}`, admin)
  const { rows } = await res.json<{ rows: OpdRow[] }>()
  return Object.fromEntries(
    rows.map((r) => [r.opd, { total: r.total, views: r.views, name: r.name }]),
  )
}

/** A reader who answered `article` and then gave `reasons`, through the public API. */
async function gaveReasons(origin: string, opd: string, article: string, reasons: string[]) {
  const reader = crypto.randomUUID()
  expect((await answer(origin, { opd, article, reader, rating: 2 })).status).toBe(200)
  const res = await postJson('/api/v1/reasons', { opd, article, reader, reasons }, { origin })
  expect(res.status).toBe(204)
  return reader
}

/**
 * Per OPD: the reasons the statistics count (non-zero only), beside the stored sets counted
 * by the OPD of each set's article, which must agree.
 */
async function reasonsPerOpd(site: string) {
  await settle()
  const res = await get(`/api/v1/stats/opds?site=${site}`, admin)
  const { rows } = await res.json<{ rows: { opd: string; reasons: Record<string, number> }[] }>()
  const counted = Object.fromEntries(
    rows.map((r) => [r.opd, Object.fromEntries(Object.entries(r.reasons).filter(([, n]) => n))]),
  )
  const sets = await env.DB.prepare(
    `SELECT coalesce(a.opd, r.opd) AS opd, r.reason, count(*) AS n FROM reasons r
     LEFT JOIN articles a ON a.site_id = r.site_id AND a.key = r.article
     WHERE r.site_id = ? GROUP BY 1, 2`,
  )
    .bind(site)
    .all<{ opd: string; reason: string; n: number }>()
  const stored: Record<string, Record<string, number>> = {}
  for (const r of sets.results) stored[r.opd] = { ...stored[r.opd], [r.reason]: r.n }
  for (const opd of Object.keys(counted)) stored[opd] ??= {}
  return { counted, stored }
}

async function opdSlugs(site: string) {
  const res = await get(`/api/v1/admin/sites/${site}`, admin)
  return (await res.json<{ opds: { slug: string }[] }>()).opds.map((o) => o.slug)
}

const refusedUnchanged = (cases: Refusal[]) => expectRefusals(admin, cases)

describe('DELETE /api/v1/admin/sites/:site/opds/:opd', () => {
  const SITE = 'hapus'
  const ORIGIN = 'https://hapus.go.id'
  const viewOf = (opd: string, article: string) => view(ORIGIN, { opd, article })
  beforeAll(() => seedSite(SITE, [ORIGIN]))

  it('deletes a junk slug that has only views, with its articles, and a later use adds it anew', async () => {
    await viewOf('dinkes', `${ORIGIN}/berita/1`)
    await answer(ORIGIN, { opd: 'dinkes', article: `${ORIGIN}/berita/1` })
    for (let i = 0; i < 3; i++)
      expect((await viewOf('zzjunk', `${ORIGIN}/junk/${i}`)).status).toBe(204)
    expect(await opdSlugs(SITE)).toEqual(['dinkes', 'zzjunk'])
    expect((await siteTotals(SITE))?.v).toBe(4)

    const res = await send('DELETE', `/api/v1/admin/sites/${SITE}/opds/zzjunk`, admin)
    expect(res.status).toBe(204)
    expect(await opdSlugs(SITE)).toEqual(['dinkes'])
    const left = await env.DB.prepare(
      "SELECT count(*) n FROM articles WHERE site_id = ? AND opd = 'zzjunk'",
    )
      .bind(SITE)
      .first()
    expect(left).toEqual({ n: 0 })
    expect(await siteTotals(SITE)).toEqual({ s: 1, p: 0, c: 0, t: 0, v: 1 })
    const { opdDays, articleDays } = await rollUps(SITE)
    expect(opdDays).toEqual(articleDays)

    // This isolate forgot the slug: its next use lists it again, from zero.
    expect((await viewOf('zzjunk', `${ORIGIN}/junk/9`)).status).toBe(204)
    expect(await opdSlugs(SITE)).toEqual(['dinkes', 'zzjunk'])
    expect((await opdStats(SITE)).zzjunk).toMatchObject({ total: 0, views: 1 })
  })

  it('refuses an OPD with answers or with a live token (409 opd_in_use), and unknown ones (404), changing nothing', async () => {
    await send('PUT', `/api/v1/admin/sites/${SITE}/opds/dishub`, admin, {
      name: 'Dinas Perhubungan',
    })
    const scoped = await tokenFor('opd', SITE, 'dishub')
    const opd = (await tokenFor('opd', SITE, 'dinkes')).token
    await refusedUnchanged([
      ['DELETE', `/api/v1/admin/sites/${SITE}/opds/dinkes`, undefined, 409, 'opd_in_use'],
      ['DELETE', `/api/v1/admin/sites/${SITE}/opds/dishub`, undefined, 409, 'opd_in_use'],
      ['DELETE', `/api/v1/admin/sites/${SITE}/opds/nope`, undefined, 404, 'unknown_opd'],
      ['DELETE', `/api/v1/admin/sites/nowhere/opds/dinkes`, undefined, 404, 'unknown_site'],
      ['DELETE', `/api/v1/admin/sites/${SITE}/opds/Bad_Slug`, undefined, 400, 'invalid_request'],
      ['DELETE', `/api/v1/admin/sites/${SITE}/opds/zzjunk`, undefined, 403, 'forbidden', opd],
    ])
    expect((await send('DELETE', `/api/v1/admin/tokens/${scoped.id}`, admin)).status).toBe(204)
    expect((await send('DELETE', `/api/v1/admin/sites/${SITE}/opds/dishub`, admin)).status).toBe(
      204,
    )
    expect(await opdSlugs(SITE)).not.toContain('dishub')
  })
})

describe('POST /api/v1/admin/sites/:site/opds/:opd/merge', () => {
  const SITE = 'gabung'
  const ORIGIN = 'https://gabung.go.id'
  beforeAll(async () => {
    await seedSite(SITE, [ORIGIN])
    await seedArticle(SITE, 'dinkes', `${ORIGIN}/a`, 'A', {
      '2026-05-01': [1, 2, 0, 0, 5],
      '2026-05-02': [0, 0, 1, 1, 3],
    })
    await seedArticle(SITE, 'dinkes', `${ORIGIN}/b`, 'B', { '2026-05-02': [3, 0, 0, 0, 4] })
    await seedArticle(SITE, 'dinas-kesehatan', `${ORIGIN}/c`, 'C', {
      '2026-05-01': [2, 0, 0, 1, 4],
      '2026-05-03': [0, 1, 0, 0, 2],
    })
    await seedArticle(SITE, 'dishub', `${ORIGIN}/d`, 'D', { '2026-05-01': [0, 0, 0, 5, 9] })
    await send('PUT', `/api/v1/admin/sites/${SITE}/opds/dinkes`, admin, { name: 'Dinas Kesehatan' })
  })

  it('moves articles, day roll-ups (summed per day) and tokens to the target in one go', async () => {
    const token = await tokenFor('opd', SITE, 'dinkes')
    // A page still embedding the old slug put it in this isolate's cache.
    await view(ORIGIN, { opd: 'dinkes', article: `${ORIGIN}/b` })
    const totals = await siteTotals(SITE)

    const res = await send('POST', `/api/v1/admin/sites/${SITE}/opds/dinkes/merge`, admin, {
      into: 'dinas-kesehatan',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      site: SITE,
      from: 'dinkes',
      into: 'dinas-kesehatan',
      articles: 2,
      tokens: 1,
      services: 0,
    })

    const { opdDays, articleDays } = await rollUps(SITE)
    expect(opdDays).toEqual(articleDays)
    // The seeded days (today's view of the old slug moved along too).
    expect(
      opdDays.filter((r) => r.opd === 'dinas-kesehatan' && String(r.day).startsWith('2026-05')),
    ).toEqual([
      { opd: 'dinas-kesehatan', day: '2026-05-01', s: 3, p: 2, c: 0, t: 1, v: 9 },
      { opd: 'dinas-kesehatan', day: '2026-05-02', s: 3, p: 0, c: 1, t: 1, v: 7 },
      { opd: 'dinas-kesehatan', day: '2026-05-03', s: 0, p: 1, c: 0, t: 0, v: 2 },
    ])
    expect(await siteTotals(SITE)).toEqual(totals)
    expect(await opdSlugs(SITE)).toEqual(['dinas-kesehatan', 'dishub'])
    // The target had no name: it takes the merged OPD's.
    expect(await opdStats(SITE)).toMatchObject({
      'dinas-kesehatan': { total: 12, name: 'Dinas Kesehatan' },
      dishub: { total: 5, views: 9 },
    })
    // The token now reads the target, and no longer an OPD that does not exist.
    expect(
      (await get(`/api/v1/stats/opds?site=${SITE}&opd=dinas-kesehatan&${RANGE}`, token.token))
        .status,
    ).toBe(200)

    // This isolate forgot the merged slug: a page still embedding it adds it anew.
    await view(ORIGIN, { opd: 'dinkes', article: `${ORIGIN}/baru` })
    expect(await opdSlugs(SITE)).toEqual(['dinas-kesehatan', 'dishub', 'dinkes'].sort())
  })

  it('refuses bad merges in the contract shape, changing nothing', async () => {
    const opd = (await tokenFor('opd', SITE, 'dishub')).token
    const path = `/api/v1/admin/sites/${SITE}/opds/dishub/merge`
    await refusedUnchanged([
      ['POST', path, { into: 'dishub' }, 400, 'invalid_request'],
      ['POST', path, {}, 400, 'invalid_request'],
      ['POST', path, { into: 'Bad Slug' }, 400, 'invalid_request'],
      ['POST', path, { into: 'dinas-kesehatan', extra: 1 }, 400, 'invalid_request'],
      ['POST', path, { into: 'nope' }, 404, 'unknown_opd'],
      [
        'POST',
        `/api/v1/admin/sites/${SITE}/opds/nope/merge`,
        { into: 'dishub' },
        404,
        'unknown_opd',
      ],
      [
        'POST',
        `/api/v1/admin/sites/nowhere/opds/dishub/merge`,
        { into: 'dinkes' },
        404,
        'unknown_site',
      ],
      ['POST', path, { into: 'dinas-kesehatan' }, 403, 'forbidden', opd],
    ])
  })
})

describe('merging an OPD with reasons', () => {
  const SITE = 'gabung-alasan'
  const ORIGIN = 'https://gabung-alasan.go.id'
  beforeAll(() => seedSite(SITE, [ORIGIN]))

  it('moves its reasons to the target, where the statistics count them', async () => {
    await gaveReasons(ORIGIN, 'dinkes', `${ORIGIN}/a`, ['tidak_akurat', 'terlambat'])
    await gaveReasons(ORIGIN, 'dinkes', `${ORIGIN}/b`, ['terlambat'])
    await gaveReasons(ORIGIN, 'dinas-kesehatan', `${ORIGIN}/c`, ['terlambat', 'lainnya'])
    const res = await send('POST', `/api/v1/admin/sites/${SITE}/opds/dinkes/merge`, admin, {
      into: 'dinas-kesehatan',
    })
    expect(res.status).toBe(200)
    const { counted, stored } = await reasonsPerOpd(SITE)
    expect(counted).toEqual({
      'dinas-kesehatan': { tidak_akurat: 1, terlambat: 3, lainnya: 1 },
    })
    expect(stored).toEqual(counted)
    const left = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM reason_days WHERE site_id = ?1 AND opd = 'dinkes') AS days,
        (SELECT count(*) FROM reasons WHERE site_id = ?1 AND opd = 'dinkes') AS sets`,
    )
      .bind(SITE)
      .first()
    expect(left).toEqual({ days: 0, sets: 0 })
  })
})

describe('PATCH /api/v1/admin/sites/:site/articles', () => {
  const SITE = 'pindah'
  const ORIGIN = 'https://pindah.go.id'
  const X = `${ORIGIN}/berita/salah-opd`
  beforeAll(async () => {
    await seedSite(SITE, [ORIGIN])
    await seedArticle(SITE, 'diskominfo', X, 'Judul slah', {
      '2026-06-01': [1, 1, 0, 0, 2],
      '2026-06-02': [0, 0, 2, 1, 3],
    })
    await seedArticle(SITE, 'diskominfo', `${ORIGIN}/y`, 'Y', { '2026-06-01': [1, 0, 0, 0, 1] })
    await seedArticle(SITE, 'dinsos', `${ORIGIN}/z`, 'Z', { '2026-06-02': [0, 1, 0, 0, 1] })
  })

  it('moves an article to another OPD with its figures, per day, and corrects its title', async () => {
    const totals = await siteTotals(SITE)
    expect(await opdStats(SITE)).toMatchObject({
      diskominfo: { total: 6, views: 6 },
      dinsos: { total: 1, views: 1 },
    })

    const res = await send('PATCH', `/api/v1/admin/sites/${SITE}/articles`, admin, {
      article: X,
      opd: 'dinsos',
      title: 'Judul salah',
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      site: SITE,
      article: X,
      opd: 'dinsos',
      title: 'Judul salah',
    })

    const { opdDays, articleDays } = await rollUps(SITE)
    expect(opdDays).toEqual(articleDays)
    expect(await siteTotals(SITE)).toEqual(totals)
    expect(await opdStats(SITE)).toMatchObject({
      diskominfo: { total: 1, views: 1 },
      dinsos: { total: 6, views: 6 },
    })
    const articles = await (
      await get(`/api/v1/stats/articles?site=${SITE}&opd=dinsos&${RANGE}`, admin)
    ).json<{ rows: { article: string; title: string }[] }>()
    expect(articles.rows.find((r) => r.article === X)?.title).toBe('Judul salah')

    // Pages still embedding the old OPD count under the article's OPD, now the new one.
    await answer(ORIGIN, { opd: 'diskominfo', article: X, rating: 1 })
    const after = await rollUps(SITE)
    expect(after.opdDays).toEqual(after.articleDays)
    expect((await opdStats(SITE)).dinsos.total).toBe(7)
    expect((await opdStats(SITE)).diskominfo.total).toBe(1)
  })

  it('moves the article’s reasons with it, and a set changed afterwards counts under the new OPD', async () => {
    const W = `${ORIGIN}/berita/alasan-pindah`
    const reader = await gaveReasons(ORIGIN, 'diskominfo', W, ['sulit_dipahami', 'terlambat'])
    await gaveReasons(ORIGIN, 'diskominfo', W, ['terlambat'])
    await gaveReasons(ORIGIN, 'diskominfo', `${ORIGIN}/tetap`, ['tautan_rusak'])
    await gaveReasons(ORIGIN, 'dinsos', `${ORIGIN}/z`, ['lainnya'])
    expect((await reasonsPerOpd(SITE)).counted).toEqual({
      diskominfo: { sulit_dipahami: 1, terlambat: 2, tautan_rusak: 1 },
      dinsos: { lainnya: 1 },
    })

    const res = await send('PATCH', `/api/v1/admin/sites/${SITE}/articles`, admin, {
      article: W,
      opd: 'dinsos',
    })
    expect(res.status).toBe(200)
    const moved = await reasonsPerOpd(SITE)
    expect(moved.counted).toEqual({
      diskominfo: { tautan_rusak: 1 },
      dinsos: { sulit_dipahami: 1, terlambat: 2, lainnya: 1 },
    })
    expect(moved.stored).toEqual(moved.counted)

    // The reader changes their set from a page still naming the old OPD: the article's wins.
    const again = await postJson(
      '/api/v1/reasons',
      { opd: 'diskominfo', article: W, reader, reasons: ['tidak_akurat'] },
      { origin: ORIGIN },
    )
    expect(again.status).toBe(204)
    const changed = await reasonsPerOpd(SITE)
    expect(changed.counted).toEqual({
      diskominfo: { tautan_rusak: 1 },
      dinsos: { tidak_akurat: 1, terlambat: 1, lainnya: 1 },
    })
    expect(changed.stored).toEqual(changed.counted)
  })

  it('corrects a title alone, and a move to its own OPD changes no figure', async () => {
    const before = await rollUps(SITE)
    const res = await send('PATCH', `/api/v1/admin/sites/${SITE}/articles`, admin, {
      article: `${ORIGIN}/y`,
      opd: 'diskominfo',
      title: 'Y baru',
    })
    expect(await res.json()).toEqual({
      site: SITE,
      article: `${ORIGIN}/y`,
      opd: 'diskominfo',
      title: 'Y baru',
    })
    expect(await rollUps(SITE)).toEqual(before)
  })

  it('refuses bad changes in the contract shape, changing nothing', async () => {
    const opd = (await tokenFor('opd', SITE, 'dinsos')).token
    const path = `/api/v1/admin/sites/${SITE}/articles`
    await refusedUnchanged([
      ['PATCH', path, { article: X }, 400, 'invalid_request'],
      ['PATCH', path, { opd: 'dinsos' }, 400, 'invalid_request'],
      ['PATCH', path, { article: X, title: '  ' }, 400, 'invalid_request'],
      ['PATCH', path, { article: X, title: 'x'.repeat(301) }, 400, 'invalid_request'],
      ['PATCH', path, { article: X, title: 'a\u0007b' }, 400, 'invalid_request'],
      ['PATCH', path, { article: X, opd: 'Dinas Sosial' }, 400, 'invalid_request'],
      ['PATCH', path, { article: X, opd: 'dinsos', site: SITE }, 400, 'invalid_request'],
      ['PATCH', path, { article: X, opd: 'nope' }, 404, 'unknown_opd'],
      ['PATCH', path, { article: `${ORIGIN}/nope`, title: 'N' }, 404, 'unknown_article'],
      [
        'PATCH',
        '/api/v1/admin/sites/nowhere/articles',
        { article: X, title: 'N' },
        404,
        'unknown_site',
      ],
      ['PATCH', path, { article: X, title: 'N' }, 403, 'forbidden', opd],
    ])
  })
})
