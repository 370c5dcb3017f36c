import { and, asc, eq, isNull, sql } from 'drizzle-orm'
import { hashToken } from '../auth/token'
import type { Db } from '../db/client'
import { skmDevices } from '../db/skm-schema'
import { randomHex } from '../domain/crypto'
import { type AuditEntry, batchWithAudit } from './audit'

// Kiosk devices of the official survey (docs/skm.md «Mode kios»): a tablet at one service's
// counter, issued and revoked by an admin or the OPD's token, each change with its audit row in
// one batch (storage/audit.ts). Only the SHA-256 of a device's token is stored.

/** A device as the API lists it. Times are milliseconds since 1970. */
export interface DeviceRow {
  id: string
  site: string
  service: string
  label: string
  created_at: number
  revoked_at: number | null
}

const columns = {
  id: skmDevices.id,
  site: skmDevices.siteId,
  service: skmDevices.service,
  label: skmDevices.label,
  created_at: skmDevices.createdAt,
  revoked_at: skmDevices.revokedAt,
}

type Audit = Pick<AuditEntry, 'token'>

/**
 * Makes a device for a service: 24 random bytes behind a readable prefix, as URL-safe hex (it
 * travels in the kiosk's address). With that much entropy a plain hash is enough, as for
 * bearer tokens (auth/token.ts). Answers the row and the token, which is never stored.
 */
export async function issueDevice(
  db: Db,
  device: { site: string; service: string; label: string },
  nowMs: number,
  audit: Audit,
): Promise<{ row: DeviceRow; token: string }> {
  const token = `tgk_${randomHex(24)}`
  const row: DeviceRow = {
    id: `dev_${randomHex(8)}`,
    ...device,
    created_at: nowMs,
    revoked_at: null,
  }
  const insert = db.insert(skmDevices).values({
    id: row.id,
    siteId: row.site,
    service: row.service,
    label: row.label,
    hash: await hashToken(token),
    createdAt: nowMs,
  })
  const after = { service: row.service, label: row.label }
  await batchWithAudit(db, [insert.getSQL()], {
    ...audit,
    action: 'kiosk.issue',
    site: row.site,
    target: row.id,
    before: null,
    after,
  })
  return { row, token }
}

/** A service's devices, revoked ones too, oldest first. */
export function listDevices(db: Db, site: string, service: string): Promise<DeviceRow[]> {
  return db
    .select(columns)
    .from(skmDevices)
    .where(and(eq(skmDevices.siteId, site), eq(skmDevices.service, service)))
    .orderBy(asc(skmDevices.createdAt), asc(skmDevices.id))
}

/**
 * Revokes a service's device; null when it has no such device. Revoking twice keeps the first
 * time and logs once.
 */
export async function revokeDevice(
  db: Db,
  where: { site: string; service: string; id: string },
  nowMs: number,
  audit: Audit,
): Promise<DeviceRow | null> {
  const match = and(
    eq(skmDevices.id, where.id),
    eq(skmDevices.siteId, where.site),
    eq(skmDevices.service, where.service),
  )
  const [found] = await db.select(columns).from(skmDevices).where(match)
  if (found === undefined) return null
  if (found.revoked_at !== null) return found
  const revoke = db
    .update(skmDevices)
    .set({ revokedAt: nowMs })
    .where(and(match, isNull(skmDevices.revokedAt)))
  const when = sql`EXISTS (SELECT 1 FROM skm_devices WHERE id = ${where.id} AND revoked_at IS NULL)`
  const entry: AuditEntry = {
    ...audit,
    action: 'kiosk.revoke',
    site: where.site,
    target: where.id,
    before: { service: found.service, label: found.label, revoked_at: null },
    after: { revoked_at: nowMs },
  }
  await batchWithAudit(db, [revoke.getSQL()], entry, when)
  const [row] = await db.select(columns).from(skmDevices).where(match)
  return row ?? null
}

/** What a device token is on a service: live (with its id), revoked, or no device of it. */
export type DeviceCheck = { live: true; id: string } | { live: false; revoked: boolean }

export async function checkDevice(
  db: Db,
  site: string,
  service: string,
  token: string,
): Promise<DeviceCheck> {
  const [row] = await db
    .select({ id: skmDevices.id, revokedAt: skmDevices.revokedAt })
    .from(skmDevices)
    .where(
      and(
        eq(skmDevices.hash, await hashToken(token)),
        eq(skmDevices.siteId, site),
        eq(skmDevices.service, service),
      ),
    )
  if (row === undefined) return { live: false, revoked: false }
  return row.revokedAt === null ? { live: true, id: row.id } : { live: false, revoked: true }
}
