import { and, desc, eq, isNull, lt, or } from 'drizzle-orm'
import type { Db } from '../db/client'
import { tokens } from '../db/schema'
import type { Role, TokenScope } from '../auth/token'

export interface NewToken {
  id: string
  hash: string
  role: Role
  site: string | null
  opd: string | null
  region: string | null
  label: string
  /** Refused from this instant on (ms); left out: until revoked. */
  expiresAt?: number | null
}

/** A live token as the middleware needs it: its scope, when it ends and when it was last used. */
export type TokenRecord = TokenScope & {
  hash: string
  expiresAt: number | null
  lastUsedAt: number | null
}

/** A token's columns as a `TokenRecord` (a session reads them too, joined). */
export const tokenRecordColumns = {
  id: tokens.id,
  hash: tokens.hash,
  role: tokens.role,
  site: tokens.siteId,
  opd: tokens.opd,
  region: tokens.region,
  label: tokens.label,
  expiresAt: tokens.expiresAt,
  lastUsedAt: tokens.lastUsedAt,
}

/** The live (not revoked) token with this hash, with the hash it was stored under. */
export async function liveTokenByHash(db: Db, hash: string): Promise<TokenRecord | null> {
  const row = await db
    .select(tokenRecordColumns)
    .from(tokens)
    .where(and(eq(tokens.hash, hash), isNull(tokens.revokedAt)))
    .get()
  return row ?? null
}

/**
 * Marks the token used now, unless a mark newer than `sinceMs` is there already: the
 * condition is in the statement, so requests racing each other write it once.
 */
export async function markTokenUsed(db: Db, id: string, nowMs: number, sinceMs: number) {
  await db
    .update(tokens)
    .set({ lastUsedAt: nowMs })
    .where(and(eq(tokens.id, id), or(isNull(tokens.lastUsedAt), lt(tokens.lastUsedAt, sinceMs))))
}

/**
 * The one statement that stores a token: its hash, never the token. The admin API, the token
 * command (`scripts/token.ts`, as SQL text for wrangler) and the tests all write through it. A
 * known id is replaced, so each `npm start` swaps its fixed local admin token in place.
 */
export function tokenInsert(db: Db, token: NewToken, nowMs: number) {
  const row = {
    hash: token.hash,
    role: token.role,
    siteId: token.site,
    opd: token.opd,
    region: token.region,
    label: token.label,
    expiresAt: token.expiresAt ?? null,
    createdAt: nowMs,
  }
  return db
    .insert(tokens)
    .values({ id: token.id, ...row })
    .onConflictDoUpdate({ target: tokens.id, set: { ...row, revokedAt: null } })
}

export async function insertToken(db: Db, token: NewToken, nowMs: number): Promise<void> {
  await tokenInsert(db, token, nowMs)
}

export async function listTokens(db: Db) {
  return db
    .select({
      id: tokens.id,
      role: tokens.role,
      site: tokens.siteId,
      opd: tokens.opd,
      region: tokens.region,
      label: tokens.label,
      created_at: tokens.createdAt,
      revoked_at: tokens.revokedAt,
      expires_at: tokens.expiresAt,
      last_used_at: tokens.lastUsedAt,
    })
    .from(tokens)
    .orderBy(desc(tokens.createdAt), tokens.id)
}
