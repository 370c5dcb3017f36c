import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { database } from '../../worker/db/client'
import { applyRetention, RESPONSE_RETENTION_DAYS } from '../../worker/storage/retention'

// Production D1 refuses a bound value over 2 MB (the local one takes any size): one batch of
// retention at its full size, on articles whose keys are as long as the API takes (2 KB).

const SITE = 'panjang'
const DAY = 86_400_000
const now = Date.now()
const LIMIT = 2_000_000
const ROWS = 5_000

/** D1 as production takes it: a statement binding a value over 2 MB fails. */
const productionD1 = {
  prepare(query: string) {
    const statement = env.DB.prepare(query)
    return {
      bind(...params: unknown[]) {
        for (const p of params)
          if (typeof p === 'string' && new TextEncoder().encode(p).length > LIMIT)
            throw new Error('D1_ERROR: string or blob too big: SQLITE_TOOBIG')
        return statement.bind(...params)
      },
    }
  },
  batch: (statements: D1PreparedStatement[]) => env.DB.batch(statements),
} as unknown as D1Database

beforeAll(async () => {
  const longPath = 'x'.repeat(2_000)
  await env.DB.batch([
    env.DB.prepare(`INSERT INTO sites (id, name, created_at) VALUES ('${SITE}', 'Pemda', 0)`),
    env.DB.prepare(
      `INSERT INTO articles (site_id, opd, key, first_seen_at, tidak_puas)
       WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS})
       SELECT '${SITE}', 'dinkes', 'https://panjang.go.id/' || i || '/${longPath}', 0, 1 FROM n`,
    ),
    env.DB.prepare(
      `INSERT INTO responses (article_id, reader, rating, day, answered_at)
       SELECT id, printf('%08x-0000-4000-8000-000000000000', id), 1, '2020-01-01',
         ${now - (RESPONSE_RETENTION_DAYS + 1) * DAY}
       FROM articles WHERE site_id = '${SITE}'`,
    ),
  ])
}, 120_000)

describe('the retention job on articles with 2 KB keys', () => {
  it('retires a full batch without binding a value D1 refuses', async () => {
    const report = await applyRetention(database(productionD1), now)
    expect(report).toMatchObject({ responses: ROWS, failed: 0, complete: true })
    expect(
      await env.DB.prepare(
        `SELECT (SELECT count(*) FROM responses) AS responses,
          (SELECT count(*) FROM retired_marks) AS marks,
          (SELECT sum(tidak_puas) FROM retired_responses) AS retired`,
      ).first(),
    ).toEqual({ responses: 0, marks: ROWS, retired: ROWS })
  }, 120_000)
})
