import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { addDays, jakartaDay } from '../../worker/domain/calendar/days'
import worker from '../../worker/index'
import { MINUTE_MAX_STATEMENTS } from '../../worker/webhooks/detect'

// D1 takes at most 1,000 statements an invocation: the per-minute cron must stay under it
// whatever the number of sites whose webhooks listen (552 pemda, and more).

const SITES = 600
const MINUTE = 60_000
// Monday 2026-03-16 08:00 WIB: every site's weekly digest is due.
const now = Date.parse('2026-03-16T01:00:00Z')
const today = jakartaDay(now)
const siteId = (i: number) => `b${String(i).padStart(4, '0')}`
const HEAVY = 'b-heavy'
const HEAVY_OPDS = 150

/** The D1 binding with every statement counted (each prepared one, a batch's one by one). */
function counting(d1: D1Database) {
  const counter = { statements: 0 }
  const db = new Proxy(d1, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (query: string) => {
          counter.statements++
          return target.prepare(query)
        }
      }
      if (prop === 'exec') throw new Error('exec is not counted')
      const value = Reflect.get(target, prop)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { db, counter }
}

async function inChunks(statements: D1PreparedStatement[]) {
  for (let i = 0; i < statements.length; i += 200) await env.DB.batch(statements.slice(i, i + 200))
}

beforeAll(async () => {
  const statements: D1PreparedStatement[] = []
  const ids = [...Array.from({ length: SITES }, (_, i) => siteId(i)), HEAVY]
  for (const site of ids) {
    statements.push(
      env.DB.prepare('INSERT INTO sites (id, name, created_at) VALUES (?, ?, 0)').bind(site, site),
      env.DB.prepare(
        `INSERT INTO webhooks (id, site_id, opd, url, events, format, secret, created_at)
         VALUES (?, ?, NULL, ?, ?, 'json', 'whsec_test', 0)`,
      ).bind(
        `whk_${site}`,
        site,
        `http://127.0.0.1:8999/${site}`,
        'comment.created,ikm.grade_dropped,tidak_puas.spike,site.silent,digest.weekly',
      ),
      env.DB.prepare(
        "INSERT INTO opds (site_id, slug, name, created_at) VALUES (?, 'dinkes', NULL, 0)",
      ).bind(site),
      // Read every day up to two days ago, then nothing: each site went silent.
      env.DB.prepare(
        `INSERT INTO opd_days (site_id, opd, day, views, last_view_at) VALUES (?, 'dinkes', ?, 20, ?)`,
      ).bind(site, addDays(today, -2), now - 40 * 3_600_000),
    )
  }
  // One site whose 150 OPDs each fall a grade: more events than one run queues.
  for (let i = 0; i < HEAVY_OPDS; i++) {
    const opd = `opd-${i}`
    statements.push(
      env.DB.prepare(
        'INSERT INTO opds (site_id, slug, name, created_at) VALUES (?, ?, NULL, 0)',
      ).bind(HEAVY, opd),
      env.DB.prepare(
        'INSERT INTO opd_days (site_id, opd, day, sangat_puas, cukup_puas) VALUES (?, ?, ?, 40, 0), (?, ?, ?, 0, 40)',
      ).bind(HEAVY, opd, addDays(today, -10), HEAVY, opd, addDays(today, -3)),
    )
  }
  await inChunks(statements)
})

const marks = (event: string) =>
  env.DB.prepare('SELECT count(*) AS n FROM event_marks WHERE event = ?')
    .bind(event)
    .first<number>('n')

describe('the per-minute cron with 600 sites listening', () => {
  it('never runs more than 1,000 D1 statements, and reaches every site within a round', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response('ok'))
    const { db, counter } = counting(env.DB)
    const counts: number[] = []
    // A round: 601 sites, at most 25 a minute.
    for (let m = 0; m < Math.ceil((SITES + 1) / 25); m++) {
      counter.statements = 0
      const at = now + m * MINUTE
      await worker.scheduled(createScheduledController({ scheduledTime: at, cron: '* * * * *' }), {
        ...env,
        DB: db,
      })
      counts.push(counter.statements)
    }
    expect(MINUTE_MAX_STATEMENTS).toBeLessThanOrEqual(1_000)
    expect(Math.max(...counts)).toBeLessThanOrEqual(MINUTE_MAX_STATEMENTS)
    // Every site told once of its silence and its digest; the heavy site of as many drops as
    // its run had room for (the rest on its next turn).
    expect(await marks('site.silent')).toBe(SITES + 1)
    expect(await marks('digest.weekly')).toBe(SITES + 1)
    const drops = await marks('ikm.grade_dropped')
    expect(drops).toBeGreaterThanOrEqual(50)
    expect(drops).toBeLessThan(HEAVY_OPDS)
  }, 120_000)
})
