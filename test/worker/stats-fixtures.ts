import { env } from 'cloudflare:workers'
import { expect } from 'vitest'
import { mintToken, type Role } from '../../worker/auth/token'
import { database } from '../../worker/db/client'
import { insertToken } from '../../worker/storage/tokens'
import { call, errorOf, seedSite, settle, unchanged } from './client'

// Fixtures for the restricted API: tokens made as the admin API makes them, and roll-up
// rows written straight into D1 (a day in the past cannot be posted through the public API).

export async function tokenFor(
  role: Role,
  site: string | null = null,
  opd: string | null = null,
  region: string | null = null,
) {
  const minted = await mintToken()
  const record = {
    id: minted.id,
    hash: minted.hash,
    role,
    site,
    opd,
    region,
    label: `test ${role}`,
  }
  await insertToken(database(env.DB), record, Date.now())
  return minted
}

/**
 * An authenticated GET of the statistics API, as an analyst asks it: after the objects'
 * flush interval (settle), since every statistic reads D1. How far behind D1 is right after
 * a vote is hot-path-flush.test.ts's subject.
 */
export async function get(path: string, token?: string) {
  await settle()
  return call(
    'GET',
    path,
    null,
    token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } },
  )
}

export function send(method: string, path: string, token: string, body?: unknown) {
  return call(method, path, body === undefined ? null : JSON.stringify(body), {
    headers: { Authorization: `Bearer ${token}` },
  })
}

/** A refused restricted request: method, path, body, status, code and (if not the default) token. */
export type Refusal = [
  method: string,
  path: string,
  body: unknown,
  status: number,
  code: string,
  token?: string,
]

/**
 * Each request is refused with its status and code in the contract's shape, and together they
 * change nothing.
 */
export function expectRefusals(token: string, cases: Refusal[]) {
  return unchanged(async () => {
    for (const [method, path, body, status, code, as] of cases) {
      const res = await send(method, path, as ?? token, body)
      expect({ path, body, ...(await errorOf(res)) }).toMatchObject({ path, body, status, code })
    }
  })
}

/** [sangat_puas, puas, cukup_puas, tidak_puas, views] of one day. */
export type DayFigures = [number, number, number, number, number]

/**
 * One article with its days: the article's counters, its day roll-up and its OPD's day
 * roll-up, all agreeing, as the Worker keeps them. The site counts as registered by the first
 * of those days (a site has no answers from before it was registered).
 */
export async function seedArticle(
  site: string,
  opd: string,
  key: string,
  title: string | null,
  days: Record<string, DayFigures>,
) {
  await seedSite(site, [])
  const first = Object.keys(days).sort()[0]
  if (first !== undefined) {
    await env.DB.prepare('UPDATE sites SET created_at = MIN(created_at, ?) WHERE id = ?')
      .bind(Date.parse(`${first}T00:00:00+07:00`), site)
      .run()
  }
  const totals = [0, 0, 0, 0, 0]
  for (const d of Object.values(days)) {
    d.forEach((n, i) => {
      totals[i] += n
    })
  }
  const id = `(SELECT id FROM articles WHERE site_id = ? AND key = ?)`
  await env.DB.batch([
    env.DB.prepare(
      'INSERT OR IGNORE INTO opds (site_id, slug, name, created_at) VALUES (?, ?, ?, ?)',
    ).bind(site, opd, null, 0),
    env.DB.prepare(
      `INSERT INTO articles (site_id, opd, key, title, first_seen_at, sangat_puas, puas, cukup_puas, tidak_puas, views)
       VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
    ).bind(site, opd, key, title, ...totals),
    ...Object.entries(days).flatMap(([day, d]) => [
      env.DB.prepare(
        `INSERT INTO article_days (article_id, day, sangat_puas, puas, cukup_puas, tidak_puas, views) VALUES (${id}, ?, ?, ?, ?, ?, ?)`,
      ).bind(site, key, day, ...d),
      env.DB.prepare(
        `INSERT INTO opd_days (site_id, opd, day, sangat_puas, puas, cukup_puas, tidak_puas, views) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (site_id, opd, day) DO UPDATE SET sangat_puas = sangat_puas + excluded.sangat_puas,
           puas = puas + excluded.puas, cukup_puas = cukup_puas + excluded.cukup_puas,
           tidak_puas = tidak_puas + excluded.tidak_puas, views = views + excluded.views`,
      ).bind(site, opd, day, ...d),
    ]),
  ])
}
