import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { answer, comment, errorOf, seedSite } from './client'
import { get, send, tokenFor } from './stats-fixtures'

const SITE = 'rembang'
const ORIGIN = 'https://rembangkab.go.id'
const ARTICLE = 'https://rembangkab.go.id/berita/jalan-rusak'
const OTHER = 'https://rembangkab.go.id/berita/puskesmas'

interface Row {
  id: number
  site: string
  opd: string
  article: string
  title: string | null
  rating: number
  rating_key: string
  text: string
  day: string
  status: string
  hidden: boolean
}
interface List {
  counts: Record<string, number>
  total: number
  rows: Row[]
}

async function commentAs(opd: string, article: string, rating: number, text: string) {
  const reader = crypto.randomUUID()
  await answer(ORIGIN, { opd, article, reader, rating, title: 'Judul <b>berita</b>' })
  const res = await comment(ORIGIN, { opd, article, reader, text })
  expect(res.status).toBe(204)
  return reader
}

const list = async (query: string, token: string) => {
  const res = await get(`/api/v1/stats/comments?${query}`, token)
  expect(res.status).toBe(200)
  return res.json<List>()
}

let admin: string
let kominfo: string
let dpu: string
let dinkes: string

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  await commentAs('dpu', ARTICLE, 1, 'Jalan di Desa Sumber masih berlubang, hubungi 081234567890')
  await commentAs('dpu', ARTICLE, 2, '=HYPERLINK("http://evil.example","klik")')
  await commentAs('dpu', ARTICLE, 4, 'Terima kasih sudah cepat')
  await commentAs('dinkes', OTHER, 1, '<script>alert(1)</script> antrean lama')
  // Another day: from/to filter on the comment's Jakarta day.
  await env.DB.prepare(
    "UPDATE comments SET day = '2026-01-15' WHERE text = 'Terima kasih sudah cepat'",
  ).run()
  admin = (await tokenFor('admin')).token
  kominfo = (await tokenFor('kominfo')).token
  dpu = (await tokenFor('opd', SITE, 'dpu')).token
  dinkes = (await tokenFor('opd', SITE, 'dinkes')).token
})

describe('GET /api/v1/stats/comments', () => {
  it('lists an OPD’s comments with their rating, date and counts per rating', async () => {
    const body = await list(`site=${SITE}&opd=dpu`, admin)
    expect(body.total).toBe(3)
    expect(body.counts).toEqual({ sangat_puas: 1, puas: 0, cukup_puas: 1, tidak_puas: 1 })
    const first = body.rows.find((r) => r.rating === 1)!
    expect(first).toMatchObject({
      site: SITE,
      opd: 'dpu',
      article: ARTICLE,
      rating_key: 'tidak_puas',
      text: 'Jalan di Desa Sumber masih berlubang, hubungi [dihapus]',
      status: 'baru',
      hidden: false,
    })
    expect(first.day).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('filters by article, rating and date', async () => {
    expect(
      (await list(`site=${SITE}&article=${encodeURIComponent(OTHER)}`, admin)).rows.map(
        (r) => r.opd,
      ),
    ).toEqual(['dinkes'])
    expect((await list(`site=${SITE}&rating=2`, admin)).rows.map((r) => r.rating)).toEqual([2])
    expect(
      (await list(`site=${SITE}&from=2026-01-01&to=2026-01-31`, admin)).rows.map((r) => r.text),
    ).toEqual(['Terima kasih sudah cepat'])
  })

  it('shows an opd token only its own OPD, and refuses another one', async () => {
    expect((await list('', dpu)).rows.map((r) => r.opd)).toEqual(['dpu', 'dpu', 'dpu'])
    expect((await list('', dinkes)).rows.map((r) => r.text)).toEqual([
      '<script>alert(1)</script> antrean lama',
    ])
    const res = await get(`/api/v1/stats/comments?site=${SITE}&opd=dinkes`, dpu)
    expect(await errorOf(res)).toMatchObject({ status: 403, code: 'out_of_scope' })
    expect((await get('/api/v1/stats/comments')).status).toBe(401)
  })

  it('tells when a comment was written only to the hour, newest hour first and by id within it', async () => {
    // Milliseconds would let an OPD match a commenter to its own web server's logs.
    const article = 'https://rembangkab.go.id/berita/jam-layanan'
    const texts = ['Ditulis 10.59', 'Ditulis 10.00', 'Ditulis 09.30']
    const readers = []
    for (const text of texts) readers.push(await commentAs('dishub', article, 1, text))
    const hour = Date.UTC(2026, 10, 20, 3) // 10:00 WIB
    const written = [hour + 3_599_999, hour + 1, hour - 1_800_000]
    for (const [i, reader] of readers.entries()) {
      await env.DB.prepare('UPDATE comments SET created_at = ? WHERE reader = ?')
        .bind(written[i], reader)
        .run()
    }
    const rows = (await list(`site=${SITE}&opd=dishub`, admin)).rows as (Row & {
      created_at: number
    })[]
    expect(rows.map((r) => [r.text, r.created_at])).toEqual([
      ['Ditulis 10.00', hour],
      ['Ditulis 10.59', hour],
      ['Ditulis 09.30', hour - 3_600_000],
    ])
    const csv = await (
      await get(`/api/v1/stats/comments?site=${SITE}&opd=dishub&format=csv`, admin)
    ).text()
    for (const ms of written) expect(csv).not.toContain(String(ms))
  })

  it('answers bad filters 400 in the contract’s shape', async () => {
    for (const q of [
      'rating=5',
      'status=deleted',
      'from=2026-13-01',
      'limit=0',
      'sort=x',
      `article=${encodeURIComponent(OTHER)}`,
    ]) {
      const res = await get(`/api/v1/stats/comments?${q}`, admin)
      expect({ q, ...(await errorOf(res)) }).toMatchObject({
        q,
        status: 400,
        code: expect.stringMatching(/^invalid_/),
      })
    }
  })
})

describe('handling and hiding comments', () => {
  const idOf = async (text: string) =>
    (await list(`site=${SITE}&status=visible`, admin)).rows.find((r) => r.text.startsWith(text))!.id

  it('marks a comment «selesai» for its OPD', async () => {
    const id = await idOf('Jalan di Desa')
    const res = await send('PATCH', `/api/v1/admin/comments/${id}`, dpu, { status: 'selesai' })
    expect(res.status).toBe(200)
    expect((await list('status=selesai', dpu)).rows.map((r) => r.id)).toEqual([id])
    expect((await list('status=open', dpu)).rows.map((r) => r.id)).not.toContain(id)
  })

  it('hides spam from the list, its counts and the CSV export', async () => {
    const id = await idOf('=HYPERLINK')
    expect(
      (await send('PATCH', `/api/v1/admin/comments/${id}`, dpu, { hidden: true })).status,
    ).toBe(200)
    const visible = await list('', dpu)
    expect(visible.rows.map((r) => r.id)).not.toContain(id)
    expect(visible.counts.cukup_puas).toBe(0)
    expect((await list('status=hidden', dpu)).rows.map((r) => r.id)).toEqual([id])
    const csv = await (await get('/api/v1/stats/comments?format=csv', dpu)).text()
    expect(csv).not.toContain('HYPERLINK')
    // And back again: the CSV neutralises the formula rather than run it.
    await send('PATCH', `/api/v1/admin/comments/${id}`, admin, { hidden: false })
    const again = await (await get('/api/v1/stats/comments?format=csv', dpu)).text()
    expect(again).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")"`)
    expect(again.split('\r\n')[0]).toBe(
      'id,site,opd,article,title,rating,rating_key,day,status,hours_to_done,lapor_tracking_id,text,reply,note',
    )
  })

  it('lets no token change another OPD’s comment, nor kominfo any', async () => {
    const id = await idOf('<script>')
    const other = await send('PATCH', `/api/v1/admin/comments/${id}`, dpu, { hidden: true })
    expect(other.status).toBe(404)
    expect(
      (await send('PATCH', `/api/v1/admin/comments/${id}`, kominfo, { status: 'selesai' })).status,
    ).toBe(403)
    expect((await list('', dinkes)).rows[0]).toMatchObject({ id, status: 'baru', hidden: false })
  })

  it('refuses bad changes with 4xx', async () => {
    const id = await idOf('<script>')
    const cases: [string, unknown, number][] = [
      [`/api/v1/admin/comments/${id}`, {}, 400],
      [`/api/v1/admin/comments/${id}`, { hidden: 'ya' }, 400],
      [`/api/v1/admin/comments/${id}`, { status: 'selesai', text: 'edit' }, 400],
      [`/api/v1/admin/comments/${id}`, { status: 'handled' }, 400],
      [`/api/v1/admin/comments/${id}`, { status: 'selesai', handled: true }, 400],
      [`/api/v1/admin/comments/${id}`, { status: 'selesai', lapor_tracking_id: '<b>' }, 400],
      [`/api/v1/admin/comments/${id}`, { reply: 'x'.repeat(2001) }, 400],
      ['/api/v1/admin/comments/abc', { status: 'selesai' }, 400],
      ['/api/v1/admin/comments/999999', { status: 'selesai' }, 404],
    ]
    for (const [path, body, status] of cases) {
      const res = await send('PATCH', path, admin, body)
      expect({ body, ...(await errorOf(res)) }).toMatchObject({ body, status })
    }
    expect((await list('', dinkes)).rows[0]).toMatchObject({
      status: 'baru',
      note: null,
      reply: null,
      lapor_tracking_id: null,
      hidden: false,
    })
  })
})
