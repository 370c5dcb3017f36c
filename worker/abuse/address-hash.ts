import { sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { dailySalts } from '../db/schema'
import { networkAddress, siteNetwork } from './network-address'

const encoder = new TextEncoder()

// Per isolate: the salt of a day never changes once chosen, so neither does its HMAC key;
// the vote path imports it once a day, not once a request.
const keys = new Map<string, CryptoKey>()

/**
 * The HMAC key from the day's random salt: chosen by the first request of the Asia/Jakarta
 * day (concurrent first requests agree through INSERT OR IGNORE), deleted by the retention
 * job after two days.
 */
async function keyOf(db: Db, day: string): Promise<CryptoKey> {
  const cached = keys.get(day)
  if (cached) return cached
  const fresh = [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, '0')).join('')
  await db.insert(dailySalts).values({ day, salt: fresh }).onConflictDoNothing()
  const row = await db.get<{ salt: string }>(sql`SELECT salt FROM daily_salts WHERE day = ${day}`)
  const key = await crypto.subtle.importKey('raw', encoder.encode(row.salt), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  if (keys.size > 4) keys.clear()
  keys.set(day, key)
  return key
}

/**
 * A keyed hash (HMAC-SHA-256 with the day's salt) of the request's network address: stable
 * for one day, unlinkable to the address once the salt is gone. The address itself is
 * never stored.
 */
export async function addressHash(db: Db, headers: Headers, day: string): Promise<string> {
  return hashWith(await keyOf(db, day), networkAddress(headers))
}

/** The same keyed hash of the address and of its site-wide network (an IPv6 /48). */
export async function networkHashes(
  db: Db,
  headers: Headers,
  day: string,
): Promise<{ address: string; network: string }> {
  const key = await keyOf(db, day)
  const address = networkAddress(headers)
  const network = siteNetwork(headers)
  const addressMac = await hashWith(key, address)
  return { address: addressMac, network: network === address ? addressMac : await hashWith(key, network) }
}

async function hashWith(key: CryptoKey, text: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(text))
  return [...new Uint8Array(mac).slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
