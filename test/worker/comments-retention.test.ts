import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import worker from '../../worker/index'
import { COMMENT_RETENTION_DAYS } from '../../worker/storage/retention'
import { answer, comment, seedSite } from './client'

const SITE = 'jepara'
const ORIGIN = 'https://jeparakab.go.id'
const ARTICLE = 'https://jeparakab.go.id/berita/retensi-komentar'
const DAY = 86_400_000

beforeAll(() => seedSite(SITE, [ORIGIN]))

describe('retention of comments', () => {
  it(`deletes comments after ${COMMENT_RETENTION_DAYS} days and old text marks after two, keeping the ratings`, async () => {
    const readers = [crypto.randomUUID(), crypto.randomUUID()]
    for (const reader of readers) {
      await answer(ORIGIN, { opd: 'dishub', article: ARTICLE, reader, rating: 2 })
      await comment(ORIGIN, {
        opd: 'dishub',
        article: ARTICLE,
        reader,
        text: 'Lampu lalu lintas di perempatan sering mati',
      })
    }
    const now = Date.now()
    await env.DB.batch([
      env.DB.prepare('UPDATE comments SET created_at = ? WHERE reader = ?').bind(
        now - (COMMENT_RETENTION_DAYS + 1) * DAY,
        readers[0],
      ),
      env.DB.prepare("UPDATE comment_text_marks SET day = '2020-01-01' WHERE reader = ?").bind(
        readers[0],
      ),
    ])

    await worker.scheduled(
      createScheduledController({ scheduledTime: now, cron: '30 17 * * *' }),
      env,
    )

    const left = await env.DB.prepare('SELECT reader FROM comments WHERE reader IN (?, ?)')
      .bind(...readers)
      .all()
    expect(left.results).toEqual([{ reader: readers[1] }])
    const marks = await env.DB.prepare(
      'SELECT reader FROM comment_text_marks WHERE reader IN (?, ?)',
    )
      .bind(...readers)
      .all()
    expect(marks.results).toEqual([{ reader: readers[1] }])
    const responses = await env.DB.prepare(
      'SELECT count(*) AS n FROM responses WHERE reader IN (?, ?)',
    )
      .bind(...readers)
      .first()
    expect(responses).toEqual({ n: 2 })
  })

  it('deletes a comment with its response when the response is retired', async () => {
    const reader = crypto.randomUUID()
    const article = ARTICLE + '-2'
    await answer(ORIGIN, { opd: 'dishub', article, reader, rating: 1 })
    await comment(ORIGIN, { opd: 'dishub', article, reader, text: 'Halte rusak' })
    await env.DB.prepare('UPDATE responses SET answered_at = 0 WHERE reader = ?').bind(reader).run()
    await worker.scheduled(
      createScheduledController({ scheduledTime: Date.now(), cron: '30 17 * * *' }),
      env,
    )
    expect(
      await env.DB.prepare('SELECT count(*) AS n FROM comments WHERE reader = ?')
        .bind(reader)
        .first(),
    ).toEqual({ n: 0 })
  })
})
