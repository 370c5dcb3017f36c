import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { answer, comment, newArticle, seedSite } from './client'
import { expectRefusals, get, send, tokenFor } from './stats-fixtures'

// The follow-up of a comment (docs/contract.md §9): baru → diteruskan → ditindaklanjuti → selesai /
// ditolak, an internal note, a public reply and the SP4N-LAPOR! tracking id.

const SITE = 'grobogan'
const ORIGIN = 'https://grobogan.go.id'
let admin: string
let dpu: string

interface Listed {
  follow_up: Record<string, number | null>
  rows: {
    id: number
    status: string
    note: string | null
    reply: string | null
    lapor_tracking_id: string | null
    hours_to_done: number | null
  }[]
}

async function newComment(opd = 'dpu') {
  const article = newArticle(ORIGIN)
  const reader = crypto.randomUUID()
  await answer(ORIGIN, { opd, article, reader, rating: 1 })
  expect((await comment(ORIGIN, { opd, article, reader, text: 'Jalan rusak lagi' })).status).toBe(
    204,
  )
  const row = await env.DB.prepare('SELECT id FROM comments WHERE reader = ?')
    .bind(reader)
    .first<{ id: number }>()
  return row!.id
}

const list = async (query = '') =>
  (await get(`/api/v1/stats/comments?site=${SITE}&opd=dpu${query}`, dpu)).json<Listed>()
const rowOf = async (id: number) => (await list()).rows.find((r) => r.id === id)!

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  admin = (await tokenFor('admin')).token
  dpu = (await tokenFor('opd', SITE, 'dpu')).token
})

describe('PATCH /api/v1/admin/comments/:id follow-up', () => {
  it('walks a comment through the statuses, with note, reply and LAPOR! id', async () => {
    const id = await newComment()
    expect(await rowOf(id)).toMatchObject({ status: 'baru', hours_to_done: null })
    for (const status of ['diteruskan', 'ditindaklanjuti']) {
      const res = await send('PATCH', `/api/v1/admin/comments/${id}`, dpu, { status })
      expect(await res.json()).toEqual({ id, status })
    }
    await send('PATCH', `/api/v1/admin/comments/${id}`, dpu, {
      note: 'Diteruskan ke bidang jalan',
      reply: 'Perbaikan dijadwalkan minggu depan',
      lapor_tracking_id: 'LAP-20261201',
    })
    expect(await rowOf(id)).toMatchObject({
      status: 'ditindaklanjuti',
      note: 'Diteruskan ke bidang jalan',
      reply: 'Perbaikan dijadwalkan minggu depan',
      lapor_tracking_id: 'LAP-20261201',
    })
    // Written five hours ago: «selesai» now is five hours from comment to done.
    await env.DB.prepare('UPDATE comments SET created_at = ? WHERE id = ?')
      .bind(Date.now() - 5 * 3_600_000, id)
      .run()
    await send('PATCH', `/api/v1/admin/comments/${id}`, dpu, { status: 'selesai' })
    expect((await rowOf(id)).hours_to_done).toBe(5)
    // Saying «selesai» again keeps the first time; leaving it clears it.
    await send('PATCH', `/api/v1/admin/comments/${id}`, dpu, { status: 'selesai' })
    expect((await rowOf(id)).hours_to_done).toBe(5)
    await send('PATCH', `/api/v1/admin/comments/${id}`, dpu, { status: 'ditolak' })
    expect(await rowOf(id)).toMatchObject({ status: 'ditolak', hours_to_done: null })
    await send('PATCH', `/api/v1/admin/comments/${id}`, dpu, { note: null })
    expect((await rowOf(id)).note).toBeNull()
  })

  it('counts the comments per status, filters by status and averages the time to «selesai»', async () => {
    const before = (await list()).follow_up
    const [a, b, c] = [await newComment(), await newComment(), await newComment()]
    await env.DB.prepare('UPDATE comments SET created_at = ? WHERE id IN (?, ?)')
      .bind(Date.now() - 2 * 3_600_000, a, b)
      .run()
    await send('PATCH', `/api/v1/admin/comments/${a}`, dpu, { status: 'selesai' })
    await send('PATCH', `/api/v1/admin/comments/${b}`, admin, { status: 'selesai' })
    await send('PATCH', `/api/v1/admin/comments/${c}`, dpu, { status: 'diteruskan' })
    const after = await list()
    expect(after.follow_up.selesai).toBe((before.selesai as number) + 2)
    expect(after.follow_up.diteruskan).toBe((before.diteruskan as number) + 1)
    const done = await list('&status=selesai')
    expect(done.rows.map((r) => r.id)).toEqual(expect.arrayContaining([a, b]))
    expect(done.rows.every((r) => r.status === 'selesai')).toBe(true)
    expect((await list('&status=open')).rows.map((r) => r.id)).toContain(c)
    expect((await list('&status=open')).rows.map((r) => r.id)).not.toContain(a)
    expect(done.follow_up.avg_hours_to_done).toBeGreaterThanOrEqual(2)
  })

  it('refuses a status outside the list and other bad changes, and changes nothing', async () => {
    const id = await newComment()
    const path = `/api/v1/admin/comments/${id}`
    await expectRefusals(dpu, [
      ['PATCH', path, { status: 'closed' }, 400, 'invalid_request'],
      ['PATCH', path, { status: 'handled' }, 400, 'invalid_request'],
      ['PATCH', path, { status: 'selesai', note: 7 }, 400, 'invalid_request'],
      ['PATCH', path, { lapor_tracking_id: 'LAP 1; DROP' }, 400, 'invalid_request'],
      ['PATCH', path, { reply: 'x'.repeat(2001) }, 400, 'invalid_request'],
      [
        'PATCH',
        `/api/v1/admin/comments/${await newComment('dinkes')}`,
        { status: 'selesai' },
        404,
        'unknown_comment',
      ],
      ['PATCH', path, { status: 'selesai' }, 403, 'forbidden', (await tokenFor('kominfo')).token],
    ])
    const bad = await get(`/api/v1/stats/comments?site=${SITE}&status=closed`, admin)
    expect(bad.status).toBe(400)
  })

  it('starts the follow-up again when the reader rewrites the comment', async () => {
    const article = newArticle(ORIGIN)
    const reader = crypto.randomUUID()
    await answer(ORIGIN, { opd: 'dpu', article, reader, rating: 1 })
    await comment(ORIGIN, { opd: 'dpu', article, reader, text: 'Pertama' })
    const { id } = (await env.DB.prepare('SELECT id FROM comments WHERE reader = ?')
      .bind(reader)
      .first<{ id: number }>())!
    await send('PATCH', `/api/v1/admin/comments/${id}`, dpu, { status: 'selesai' })
    await comment(ORIGIN, { opd: 'dpu', article, reader, text: 'Kedua' })
    expect(await rowOf(id)).toMatchObject({ status: 'baru', hours_to_done: null })
  })
})
