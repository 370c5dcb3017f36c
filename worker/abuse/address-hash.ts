import { sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { dailySalts } from '../db/schema'
import { networkAddress } from './network-address'

// Per isolate: the salt of a day never changes once chosen.
const salts = new Map<string, string>()

/**
 * The day's random salt: chosen by the first request of the Asia/Jakarta day (concurrent
 * first requests agree through INSERT OR IGNORE), deleted by the retention job after two
 * days.
 */
async function saltOf(db: Db, day: string): Promise<string> {
  const cached = salts.get(day)
  if (cached) return cached
  const fresh = [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('')
  await db.insert(dailySalts).values({ day, salt: fresh }).onConflictDoNothing()
  const row = await db.get<{ salt: string }>(sql`SELECT salt FROM daily_salts WHERE day = ${day}`)
  if (salts.size > 4) salts.clear()
  salts.set(day, row.salt)
  return row.salt
}

/**
 * A keyed hash (HMAC-SHA-256 with the day's salt) of the request's network address: stable
 * for one day, unlinkable to the address once the salt is gone. The address itself is
 * never stored.
 */
export async function addressHash(db: Db, headers: Headers, day: string): Promise<string> {
  const salt = await saltOf(db, day)
  const encoder = new TextEncoder()
  const key = await crypto.subtle.importKey('raw', encoder.encode(salt), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(networkAddress(headers)))
  return [...new Uint8Array(mac).slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
