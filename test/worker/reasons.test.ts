import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { jakartaDay } from '../../worker/domain/calendar/days'
import { reasonReaderHash } from '../../worker/domain/comments/reason-reader-hash'
import { REASON_KEYS } from '../../worker/domain/comments/reasons'
import {
  answer,
  call,
  errorOf,
  newArticle,
  postJson,
  markSpam,
  seedSite,
  unchanged,
} from './client'
import { get, tokenFor } from './stats-fixtures'

// «Apa yang kurang?» (docs/contract.md §9): a reader's set replaces the earlier one, and the roll-up
// that every statistics row reads always equals the sets stored.

const SITE = 'blora'
const ORIGIN = 'https://blorakab.go.id'
const OPD = 'dinkes'
let token: string

const reasons = (fields: { article: string; reader: string; reasons: unknown; opd?: string }) =>
  postJson('/api/v1/reasons', { opd: OPD, ...fields }, { origin: ORIGIN })

/** A reader who answered `article` with `rating`. */
async function answered(article: string, rating = 1, opd = OPD) {
  const reader = crypto.randomUUID()
  expect((await answer(ORIGIN, { opd, article, reader, rating })).status).toBe(200)
  return reader
}

/** The roll-up's counts and the stored rows' counts, per day and reason, of the site. */
async function rollUpAndRows() {
  const rollUp = await env.DB.prepare(
    `SELECT article, day, reason, count FROM reason_days WHERE site_id = ? AND count > 0
     ORDER BY article, day, reason`,
  )
    .bind(SITE)
    .all()
  const rows = await env.DB.prepare(
    `SELECT article, day, reason, count(*) AS count FROM reasons WHERE site_id = ?
     GROUP BY article, day, reason ORDER BY article, day, reason`,
  )
    .bind(SITE)
    .all()
  return { rollUp: rollUp.results, rows: rows.results }
}

const zeros = Object.fromEntries(REASON_KEYS.map((k) => [k, 0]))

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  token = (await tokenFor('admin')).token
})

describe('POST /api/v1/reasons', () => {
  it('counts a reader’s set in every statistics row: site, OPD, article and day', async () => {
    const article = newArticle(ORIGIN)
    const other = newArticle(ORIGIN)
    const a = await answered(article, 1)
    const b = await answered(article, 2)
    const c = await answered(other, 1, 'dpu')
    const ok = [
      await reasons({ article, reader: a, reasons: ['tidak_akurat', 'terlambat'] }),
      await reasons({ article, reader: b, reasons: ['tidak_akurat'] }),
      // The article's own OPD counts, not the one a page names.
      await reasons({ article: other, reader: c, reasons: ['tautan_rusak'], opd: 'dpu' }),
    ]
    expect(ok.map((r) => r.status)).toEqual([204, 204, 204])
    // The reader's id is not stored with the reasons, only a one-way hash of it.
    const stored = JSON.stringify((await env.DB.prepare('SELECT * FROM reasons').all()).results)
    for (const reader of [a, b, c]) expect(stored).not.toContain(reader)
    expect(ok[0].headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)

    const mine = { ...zeros, tidak_akurat: 2, terlambat: 1 }
    const articles = await (await get(`/api/v1/stats/articles?site=${SITE}`, token)).json<{
      rows: { article: string; reasons: Record<string, number> }[]
    }>()
    expect(articles.rows.find((r) => r.article === article)!.reasons).toEqual(mine)
    expect(articles.rows.find((r) => r.article === other)!.reasons).toEqual({
      ...zeros,
      tautan_rusak: 1,
    })
    const opds = await (await get(`/api/v1/stats/opds?site=${SITE}`, token)).json<{
      rows: { opd: string; reasons: Record<string, number> }[]
    }>()
    expect(opds.rows.find((r) => r.opd === OPD)!.reasons).toMatchObject(mine)
    const sites = await (await get(`/api/v1/stats/sites?site=${SITE}`, token)).json<{
      rows: { reasons: Record<string, number> }[]
    }>()
    expect(sites.rows[0].reasons.tautan_rusak).toBeGreaterThanOrEqual(1)
    const today = jakartaDay(Date.now())
    const q = new URLSearchParams({ site: SITE, article, from: today, to: today })
    const days = await (await get(`/api/v1/stats/timeseries?${q}`, token)).json<{
      rows: { day: string; reasons: Record<string, number> }[]
    }>()
    expect(days.rows).toEqual([expect.objectContaining({ day: today, reasons: mine })])

    // Region rows too: the site's kabupaten (Blora, 33.16) and its province (Jawa Tengah).
    await env.DB.prepare("UPDATE sites SET region = '33.16' WHERE id = ?").bind(SITE).run()
    const regency = await (
      await get('/api/v1/stats/regions?level=regency&province=33', token)
    ).json<{
      rows: { region: string; reasons: Record<string, number> }[]
    }>()
    const blora = regency.rows.find((r) => r.region === '33.16')!
    expect(blora.reasons.tidak_akurat).toBeGreaterThanOrEqual(2)
    expect(regency.rows.find((r) => r.region === '33.17')!.reasons).toEqual(zeros)
    const provinces = await (await get('/api/v1/stats/regions', token)).json<{
      rows: { region: string; reasons: Record<string, number> }[]
    }>()
    expect(provinces.rows.find((r) => r.region === '33')!.reasons).toEqual(blora.reasons)

    const csv = await (
      await get(`/api/v1/stats/articles?site=${SITE}&sort=responses&format=csv`, token)
    ).text()
    const [header, ...lines] = csv.trim().split('\r\n')
    const columns = header.split(',')
    expect(columns.slice(-6)).toEqual(REASON_KEYS.map((k) => `reason_${k}`))
    const line = lines.find((l) => l.includes(article))!.split(',')
    expect(line[columns.indexOf('reason_tidak_akurat')]).toBe('2')
    expect(line[columns.indexOf('reason_terlambat')]).toBe('1')
  })

  it('keeps the roll-up equal to the stored sets when readers change them again and again', async () => {
    const article = newArticle(ORIGIN)
    const readers = [
      await answered(article, 1),
      await answered(article, 2),
      await answered(article),
    ]
    // A fixed walk through sets: growing, shrinking, swapping, emptied and given again.
    const sets = [
      ['informasi_kurang_lengkap'],
      ['informasi_kurang_lengkap', 'sulit_dipahami', 'lainnya'],
      [],
      ['terlambat'],
      [...REASON_KEYS],
      ['sulit_dipahami', 'informasi_kurang_lengkap'],
    ]
    for (let i = 0; i < 12; i++) {
      const reader = readers[i % 3]
      const set = sets[(i * 5) % sets.length]
      expect((await reasons({ article, reader, reasons: set })).status).toBe(204)
      const { rollUp, rows } = await rollUpAndRows()
      expect(rollUp).toEqual(rows)
    }
    // A set given on an earlier day is taken off that day, not today's.
    const reader = readers[0]
    await reasons({ article, reader, reasons: ['lainnya'] })
    await env.DB.batch([
      env.DB.prepare(
        "UPDATE reason_days SET count = count - 1 WHERE site_id = ? AND article = ? AND reason = 'lainnya' AND day = ?",
      ).bind(SITE, article, jakartaDay(Date.now())),
      env.DB.prepare(
        "INSERT INTO reason_days (site_id, opd, article, day, reason, count) VALUES (?, ?, ?, '2026-03-01', 'lainnya', 1)",
      ).bind(SITE, OPD, article),
      env.DB.prepare(
        "UPDATE reasons SET day = '2026-03-01' WHERE site_id = ? AND article = ? AND reader_hash = ?",
      ).bind(SITE, article, await reasonReaderHash(SITE, article, reader)),
    ])
    await reasons({ article, reader, reasons: ['terlambat'] })
    const { rollUp, rows } = await rollUpAndRows()
    expect(rollUp).toEqual(rows)
    expect(rows).not.toContainEqual(expect.objectContaining({ day: '2026-03-01' }))
  })

  it('keeps the reasons when the reader changes the answer to Puas (the set stays as given)', async () => {
    const article = newArticle(ORIGIN)
    const reader = await answered(article, 1)
    await reasons({ article, reader, reasons: ['tidak_akurat'] })
    expect((await answer(ORIGIN, { opd: OPD, article, reader, rating: 3 })).status).toBe(200)
    const { rows } = await rollUpAndRows()
    expect(rows).toContainEqual(expect.objectContaining({ article, reason: 'tidak_akurat' }))
  })

  it('refuses unknown keys, repeats, a missing response and a bad body, and changes nothing', async () => {
    const article = newArticle(ORIGIN)
    const reader = await answered(article, 1)
    await reasons({ article, reader, reasons: ['terlambat'] })
    const stranger = crypto.randomUUID()
    const cases: [unknown, number, string][] = [
      [{ opd: OPD, article, reader, reasons: ['jelek'] }, 400, 'invalid_request'],
      [{ opd: OPD, article, reader, reasons: ['terlambat', 'terlambat'] }, 400, 'invalid_request'],
      [{ opd: OPD, article, reader, reasons: 'terlambat' }, 400, 'invalid_request'],
      [{ opd: OPD, article, reader }, 400, 'invalid_request'],
      [{ opd: OPD, article, reader: 'x', reasons: [] }, 400, 'invalid_request'],
      [{ opd: OPD, article, reader: stranger, reasons: ['lainnya'] }, 422, 'no_response'],
      [{ opd: OPD, article: newArticle(ORIGIN), reader, reasons: ['lainnya'] }, 422, 'no_response'],
    ]
    await unchanged(async () => {
      for (const [body, status, code] of cases) {
        const res = await postJson('/api/v1/reasons', body, { origin: ORIGIN })
        expect({ body, ...(await errorOf(res)) }).toMatchObject({ body, status, code })
      }
    })
    const foreign = await postJson(
      '/api/v1/reasons',
      { opd: OPD, article, reader, reasons: [] },
      { origin: 'https://evil.example' },
    )
    expect(await errorOf(foreign)).toMatchObject({ status: 403, code: 'origin_not_allowed' })
  })

  it('stores nothing for a response an admin excluded as spam (204, as for its comment)', async () => {
    const article = newArticle(ORIGIN)
    const reader = await answered(article, 1)
    await markSpam(reader)
    const res = await unchanged(() => reasons({ article, reader, reasons: ['lainnya'] }))
    expect(res.status).toBe(204)
  })
})

describe('GET /api/v1/replies', () => {
  it('lists an article’s public replies, newest first, without the comments or notes', async () => {
    const article = newArticle(ORIGIN)
    const ids: number[] = []
    for (const text of ['Jadwal tidak ada', 'Alamat salah', 'Spam spam']) {
      const reader = await answered(article, 1)
      const res = await postJson(
        '/api/v1/comments',
        { opd: OPD, article, reader, text, elapsed_ms: 20_000 },
        { origin: ORIGIN },
      )
      expect(res.status).toBe(204)
      const row = await env.DB.prepare('SELECT id FROM comments WHERE reader = ?')
        .bind(reader)
        .first<{ id: number }>()
      ids.push(row!.id)
    }
    const patch = (id: number, body: unknown) =>
      call('PATCH', `/api/v1/admin/comments/${id}`, JSON.stringify(body), {
        headers: { Authorization: `Bearer ${token}` },
      })
    expect(
      (await patch(ids[0], { reply: 'Jadwal sudah kami tambahkan', note: 'rahasia' })).status,
    ).toBe(200)
    expect((await patch(ids[1], { reply: '<img src=x onerror=alert(1)>' })).status).toBe(200)
    expect((await patch(ids[2], { reply: 'Tidak tampil', hidden: true })).status).toBe(200)
    await env.DB.prepare('UPDATE comments SET replied_at = replied_at - 1000 WHERE id = ?')
      .bind(ids[0])
      .run()

    const res = await call('GET', `/api/v1/replies?article=${encodeURIComponent(article)}`, null, {
      origin: ORIGIN,
    })
    expect(res.status).toBe(200)
    const body = await res.json()
    // Each reply's day is its own Jakarta day: the one moved a second back may be yesterday's.
    const repliedOn = async (id: number) => {
      const row = await env.DB.prepare('SELECT replied_at FROM comments WHERE id = ?')
        .bind(id)
        .first<{ replied_at: number }>()
      return jakartaDay(row!.replied_at)
    }
    expect(body).toEqual({
      article,
      replies: [
        { reply: '<img src=x onerror=alert(1)>', day: await repliedOn(ids[1]) },
        { reply: 'Jadwal sudah kami tambahkan', day: await repliedOn(ids[0]) },
      ],
    })
    // A withdrawn reply (null or blank) is gone.
    await patch(ids[1], { reply: '  ' })
    const again = await call(
      'GET',
      `/api/v1/replies?site=${SITE}&article=${encodeURIComponent(article)}`,
    )
    expect((await again.json<{ replies: unknown[] }>()).replies).toHaveLength(1)
  })

  it('answers an article nobody replied to with an empty list, and a bad query with 400', async () => {
    const empty = await call('GET', `/api/v1/replies?site=${SITE}&article=nothing-here`)
    expect(await empty.json()).toEqual({ article: 'nothing-here', replies: [] })
    expect(await errorOf(await call('GET', `/api/v1/replies?site=${SITE}`))).toMatchObject({
      status: 400,
    })
  })
})
