import type { AnyD1Database } from 'drizzle-orm/d1'
import { database } from '../worker/db/client'
import { seedDemoSkm } from './demo-skm'

// A Worker of one request that `npm start` runs on the local D1 (scripts/demo-skm-local.ts):
// it records the demo's survey answers as of the instant `now` it is given.

export default {
  async fetch(request: Request, env: { DB: AnyD1Database }): Promise<Response> {
    const now = Number(new URL(request.url).searchParams.get('now'))
    await seedDemoSkm(database(env.DB), now)
    return new Response('seeded')
  },
}
