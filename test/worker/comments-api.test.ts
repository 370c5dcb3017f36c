import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { SAME_TEXT_READERS } from '../../worker/domain/comments/comment-spam'
import {
  answer,
  call,
  comment,
  errorOf,
  newArticle,
  postJson,
  seedSite,
  markSpam,
  unchanged,
} from './client'

const SITE = 'pati'
const ORIGIN = 'https://patikab.go.id'
const OPD = 'dinsos'
const fresh = () => newArticle(ORIGIN)

/** The stored comments of an article, as the database holds them. */
async function storedComments(article: string) {
  const { results } = await env.DB.prepare(
    `SELECT c.reader, c.text, c.status, c.hidden FROM comments c JOIN articles a ON a.id = c.article_id
     WHERE a.key = ? ORDER BY c.id`,
  )
    .bind(article)
    .all<{ reader: string; text: string; status: string; hidden: number }>()
  return results
}

beforeAll(() => seedSite(SITE, [ORIGIN]))

describe('POST /api/v1/comments', () => {
  it('stores the comment on the reader’s response, with personal data removed', async () => {
    const article = fresh()
    const reader = crypto.randomUUID()
    expect((await answer(ORIGIN, { opd: OPD, rating: 1, article, reader })).status).toBe(200)
    const res = await comment(ORIGIN, {
      opd: OPD,
      article,
      reader,
      text: 'Alamat kantor salah. Hubungi saya: budi@mail.id / 0812-3456-7890, NIK 3319012304850002',
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    expect(await storedComments(article)).toEqual([
      {
        reader,
        text: 'Alamat kantor salah. Hubungi saya: [dihapus] / [dihapus], NIK [dihapus]',
        status: 'baru',
        hidden: 0,
      },
    ])
  })

  it('takes the body as text/plain too, as the widget sends it without a preflight', async () => {
    const article = fresh()
    const reader = crypto.randomUUID()
    await answer(ORIGIN, { opd: OPD, rating: 1, article, reader })
    const res = await call(
      'POST',
      '/api/v1/comments',
      JSON.stringify({ opd: OPD, article, reader, text: 'Fotonya kurang jelas' }),
      { origin: ORIGIN, contentType: 'text/plain;charset=UTF-8' },
    )
    expect(res.status).toBe(204)
    expect((await storedComments(article)).map((c) => c.text)).toEqual(['Fotonya kurang jelas'])
  })

  it('replaces the reader’s earlier comment, and starts its follow-up again at «baru»', async () => {
    const article = fresh()
    const reader = crypto.randomUUID()
    await answer(ORIGIN, { opd: OPD, rating: 1, article, reader })
    await comment(ORIGIN, { opd: OPD, article, reader, text: 'Pertama' })
    await env.DB.prepare("UPDATE comments SET status = 'selesai' WHERE reader = ?")
      .bind(reader)
      .run()
    await comment(ORIGIN, { opd: OPD, article, reader, text: 'Kedua, lebih lengkap' })
    expect(await storedComments(article)).toEqual([
      { reader, text: 'Kedua, lebih lengkap', status: 'baru', hidden: 0 },
    ])
  })

  it('needs the reader’s answer on that article first: 422 and nothing stored', async () => {
    const article = fresh()
    const reader = crypto.randomUUID()
    await answer(ORIGIN, { opd: OPD, rating: 1, article: fresh(), reader })
    const refused = await unchanged(() =>
      comment(ORIGIN, { opd: OPD, article, reader, text: 'Tanpa jawaban' }),
    )
    expect(await errorOf(refused)).toMatchObject({ status: 422, code: 'no_response' })
  })

  it('refuses bad input with a 4xx in the contract’s shape and changes nothing', async () => {
    const article = fresh()
    const reader = crypto.randomUUID()
    await answer(ORIGIN, { opd: OPD, rating: 1, article, reader })
    await unchanged(async () => {
      const bad: [unknown, number, string][] = [
        [{ opd: OPD, article, reader, text: 'x'.repeat(501) }, 400, 'invalid_request'],
        [{ opd: OPD, article, reader, text: '   ' }, 400, 'invalid_request'],
        [{ opd: OPD, article, reader }, 400, 'invalid_request'],
        [{ opd: OPD, article, reader, text: 42 }, 400, 'invalid_request'],
        [{ opd: OPD, article, reader, text: 'bel\u0007' }, 400, 'invalid_request'],
        [{ opd: OPD, article, reader: 'saya', text: 'Halo' }, 400, 'invalid_request'],
        [{ opd: 'Dinas Sosial', article, reader, text: 'Halo' }, 400, 'invalid_request'],
        [{ opd: OPD, article: '', reader, text: 'Halo' }, 400, 'invalid_request'],
        [[1, 2], 400, 'invalid_request'],
      ]
      for (const [body, status, code] of bad) {
        expect(
          await errorOf(await postJson('/api/v1/comments', body, { origin: ORIGIN })),
        ).toMatchObject({ status, code })
      }
      expect(
        await errorOf(await call('POST', '/api/v1/comments', '{"opd":', { origin: ORIGIN })),
      ).toMatchObject({
        status: 400,
        code: 'invalid_json',
      })
      const form = await call('POST', '/api/v1/comments', 'text=hi', {
        origin: ORIGIN,
        contentType: 'application/x-www-form-urlencoded',
      })
      expect(await errorOf(form)).toMatchObject({ status: 415, code: 'unsupported_media_type' })
      const foreign = await comment('https://evil.example', {
        opd: OPD,
        article,
        reader,
        text: 'Halo',
      })
      expect(await errorOf(foreign)).toMatchObject({ status: 403, code: 'origin_not_allowed' })
    })
  })

  it('counts 500 characters as a person does: emoji are one each', async () => {
    const article = fresh()
    const reader = crypto.randomUUID()
    await answer(ORIGIN, { opd: OPD, rating: 1, article, reader })
    expect(
      (await comment(ORIGIN, { opd: OPD, article, reader, text: '👍'.repeat(500) })).status,
    ).toBe(204)
    expect([...(await storedComments(article))[0].text]).toHaveLength(500)
  })
})

describe('spam is dropped quietly', () => {
  it.each([
    ['a filled honeypot', 'Komentar biasa saja', { hp: 'http://spam.example' }],
    [
      'a text sent faster than typed',
      'Tolong perbaiki jadwal pelayanan di kantor kecamatan',
      { elapsed_ms: 400 },
    ],
    ['a text of links only', 'https://judi.example/promo https://slot.example', {}],
  ])('%s: 204 as if accepted, nothing stored', async (_, text, extra) => {
    const article = fresh()
    const reader = crypto.randomUUID()
    await answer(ORIGIN, { opd: OPD, rating: 1, article, reader })
    const res = await unchanged(
      () => comment(ORIGIN, { opd: OPD, article, reader, text, ...extra }),
      {
        bookkeeping: true,
      },
    )
    expect(res.status).toBe(204)
  })

  it('keeps a comment typed at a person’s pace, with an empty honeypot', async () => {
    const article = fresh()
    const reader = crypto.randomUUID()
    await answer(ORIGIN, { opd: OPD, rating: 1, article, reader })
    const text = 'Tolong perbaiki jadwal pelayanan di kantor kecamatan'
    expect(
      (await comment(ORIGIN, { opd: OPD, article, reader, text, hp: '', elapsed_ms: 20_000 }))
        .status,
    ).toBe(204)
    expect((await storedComments(article)).map((c) => c.text)).toEqual([text])
  })

  it(`drops the same text from the ${SAME_TEXT_READERS}th reader on, and never stores it in the marks`, async () => {
    const article = fresh()
    const text = 'Kunjungi situs kami untuk hadiah pulsa GRATIS sekarang'
    for (let i = 0; i < SAME_TEXT_READERS + 2; i++) {
      const reader = crypto.randomUUID()
      await answer(ORIGIN, { opd: OPD, rating: 1, article, reader })
      const variant = i % 2 ? text.toLowerCase() + '!!' : text
      expect((await comment(ORIGIN, { opd: OPD, article, reader, text: variant })).status).toBe(204)
    }
    expect(await storedComments(article)).toHaveLength(SAME_TEXT_READERS - 1)
    const marks = await env.DB.prepare('SELECT * FROM comment_text_marks WHERE site_id = ?')
      .bind(SITE)
      .all()
    expect(JSON.stringify(marks.results)).not.toContain('hadiah')
  })

  it('sees the same text behind phone numbers varied from reader to reader', async () => {
    const article = fresh()
    for (let i = 0; i < SAME_TEXT_READERS + 2; i++) {
      const reader = crypto.randomUUID()
      await answer(ORIGIN, { opd: OPD, rating: 1, article, reader })
      const text = `Pinjaman cepat tanpa agunan, hubungi 0812-5555-${1000 + i} sekarang`
      expect((await comment(ORIGIN, { opd: OPD, article, reader, text })).status).toBe(204)
    }
    expect((await storedComments(article)).map((c) => c.text)).toEqual(
      Array(SAME_TEXT_READERS - 1).fill('Pinjaman cepat tanpa agunan, hubungi [dihapus] sekarang'),
    )
  })

  it('lets many readers write short common words alike', async () => {
    const article = fresh()
    for (let i = 0; i < SAME_TEXT_READERS + 2; i++) {
      const reader = crypto.randomUUID()
      await answer(ORIGIN, { opd: OPD, article, reader, rating: 4 })
      await comment(ORIGIN, { opd: OPD, article, reader, text: 'Bagus, terima kasih' })
    }
    expect(await storedComments(article)).toHaveLength(SAME_TEXT_READERS + 2)
  })

  it('drops comments of a response an admin excluded as spam', async () => {
    const article = fresh()
    const reader = crypto.randomUUID()
    await answer(ORIGIN, { opd: OPD, rating: 1, article, reader })
    await markSpam(reader)
    expect(
      (await comment(ORIGIN, { opd: OPD, article, reader, text: 'Saya bukan bot' })).status,
    ).toBe(204)
    expect(await storedComments(article)).toEqual([])
  })
})
