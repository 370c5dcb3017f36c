import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { database } from '../../worker/db/client'
import { createSite } from '../../worker/storage/sites'
import { wholeDatabase } from './client'
import { send, tokenFor } from './stats-fixtures'

// Two admins (or a double click) at once: the loser gets the same 409 as when it comes second,
// never a 500, and the database holds the winner's change only.
let admin: string
beforeAll(async () => {
  admin = (await tokenFor('admin')).token
})

async function outcomes(responses: Response[]) {
  return Promise.all(
    responses.map(async (r) => ({
      status: r.status,
      body: await r.json<{ error?: { code: string } }>(),
    })),
  )
}

describe('admin races', () => {
  it('two registrations of one site at once: one 201, one 409 site_exists', async () => {
    const body = { id: 'race-site', name: 'Race', origins: ['https://race-site.go.id'] }
    const results = await outcomes(
      await Promise.all([1, 2, 3].map(() => send('POST', '/api/v1/admin/sites', admin, body))),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409])
    for (const r of results.filter((r) => r.status === 409))
      expect(r.body.error?.code).toBe('site_exists')
    const dump = await wholeDatabase()
    expect(dump.sites.filter((s) => (s as { id: string }).id === 'race-site')).toHaveLength(1)
    expect(
      dump.site_origins.filter(
        (o) => (o as { origin: string }).origin === 'https://race-site.go.id',
      ),
    ).toHaveLength(1)
  })

  it('two new sites taking one origin at once: one 201, one 409 origin_taken, no half-made site', async () => {
    const origin = 'https://shared-race.go.id'
    const results = await outcomes(
      await Promise.all(
        ['race-a', 'race-b'].map((id) =>
          send('POST', '/api/v1/admin/sites', admin, { id, name: id, origins: [origin] }),
        ),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    expect(results.find((r) => r.status === 409)?.body.error?.code).toBe('origin_taken')
    const dump = await wholeDatabase()
    const made = dump.sites.filter((s) => ['race-a', 'race-b'].includes((s as { id: string }).id))
    expect(made).toHaveLength(1)
  })

  it('two existing sites taking one origin at once: one 200, one 409 origin_taken, the loser unchanged', async () => {
    await send('POST', '/api/v1/admin/sites', admin, {
      id: 'race-c',
      name: 'C',
      origins: ['https://c.race.go.id'],
    })
    await send('POST', '/api/v1/admin/sites', admin, {
      id: 'race-d',
      name: 'D',
      origins: ['https://d.race.go.id'],
    })
    const origin = 'https://both.race.go.id'
    const results = await outcomes(
      await Promise.all(
        ['race-c', 'race-d'].map((id) =>
          send('PATCH', `/api/v1/admin/sites/${id}`, admin, { origins: [origin] }),
        ),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    expect(results.find((r) => r.status === 409)?.body.error?.code).toBe('origin_taken')
    const { site_origins } = await wholeDatabase()
    const mine = (site_origins as { origin: string; site_id: string }[]).filter(
      (o) => o.site_id === 'race-c' || o.site_id === 'race-d',
    )
    // The winner has the shared origin, the loser kept its own.
    expect(mine.map((o) => o.origin).sort()).toContain(origin)
    expect(mine).toHaveLength(2)
  })

  // Through HTTP the pool may run the requests one after another, so the race is forced here:
  // ten registrations called at once in one isolate all pass their check before any writes.
  it('ten registrations at once in one isolate: one made, nine site_exists, none thrown', async () => {
    const db = database(env.DB)
    const site = {
      id: 'race-storage',
      name: 'Race',
      origins: ['https://race-storage.go.id'],
      region: null,
    }
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, () => createSite(db, site, Date.now())),
    )
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([])
    const conflicts = outcomes.map((o) =>
      o.status === 'fulfilled' ? (o.value?.code ?? 'made') : 'thrown',
    )
    expect(conflicts.filter((c) => c === 'made')).toHaveLength(1)
    expect(conflicts.filter((c) => c === 'site_exists')).toHaveLength(9)
  })
})
