import { and, eq, isNull, lt } from 'drizzle-orm'
import { batch } from '../db/batch'
import type { Db } from '../db/client'
import { sessions, tokens } from '../db/schema'
import { type TokenRecord, tokenRecordColumns } from './tokens'

// The dashboard's sessions (worker/auth/session.ts): rows keyed by the SHA-256 of the
// cookie's id, never the id itself.

/**
 * Stores a new session of a token. The token's sessions that have ended go in the same
 * batch: a sign-in tidies up after the ones before it, so a token never gathers more rows
 * than it has sign-ins within a session's life.
 */
export async function insertSession(
  db: Db,
  session: { hash: string; tokenId: string },
  nowMs: number,
  expiresAt: number,
): Promise<void> {
  await batch(db, [
    db
      .delete(sessions)
      .where(and(eq(sessions.tokenId, session.tokenId), lt(sessions.expiresAt, nowMs)))
      .getSQL(),
    db
      .insert(sessions)
      .values({ ...session, createdAt: nowMs, expiresAt })
      .getSQL(),
  ])
}

/** The session with this hash, with its token, when the token is not revoked. */
export async function liveSessionByHash(
  db: Db,
  hash: string,
): Promise<{ expiresAt: number; token: TokenRecord } | null> {
  const row = await db
    .select({
      expiresAt: sessions.expiresAt,
      token: tokenRecordColumns,
    })
    .from(sessions)
    .innerJoin(tokens, eq(tokens.id, sessions.tokenId))
    .where(and(eq(sessions.hash, hash), isNull(tokens.revokedAt)))
    .get()
  return row ?? null
}

/** Moves the session's end to `expiresAt`. */
export async function extendSession(db: Db, hash: string, expiresAt: number): Promise<void> {
  await db.update(sessions).set({ expiresAt }).where(eq(sessions.hash, hash))
}

/** Ends one session («Keluar»); nothing happens for an unknown one. */
export async function deleteSession(db: Db, hash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.hash, hash))
}

/** The statement that ends every session of a token (its revocation's batch). */
export function tokenSessionsDelete(db: Db, tokenId: string) {
  return db.delete(sessions).where(eq(sessions.tokenId, tokenId))
}
