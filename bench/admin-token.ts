import { createHash, randomBytes } from 'node:crypto'

/**
 * A bearer token for the restricted API of the benchmark's own database: stored as the
 * SHA-256 of the token, as the Worker looks it up. Only made where the `tokens` table exists.
 */
export function benchAdminToken(): { token: string; sql: string } {
  const token = `tgp_bench_${randomBytes(24).toString('base64url')}`
  const hash = createHash('sha256').update(token).digest('hex')
  const sql = `INSERT INTO tokens (id, hash, role, label, created_at)
    VALUES ('tok_bench', '${hash}', 'admin', 'npm run bench', ${Date.now()});`
  return { token, sql }
}
