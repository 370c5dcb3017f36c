import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// The local D1 that `wrangler dev` serves lives in .wrangler/state; these run wrangler's own
// commands against it, so what npm start applies is exactly what a deploy applies.

const DATABASE = 'tanggapan'
// No call to Cloudflare's network: metrics off, and miniflare's `cf` object from its fallback.
export const offlineEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }

function wrangler(args: string[]): string {
  return execFileSync('npx', ['wrangler', ...args], { env: offlineEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
}

export function applyLocalMigrations(): void {
  wrangler(['d1', 'migrations', 'apply', DATABASE, '--local'])
}

export function executeLocalSql(sql: string): void {
  const file = join(mkdtempSync(join(tmpdir(), 'tanggapan-')), 'seed.sql')
  writeFileSync(file, sql)
  wrangler(['d1', 'execute', DATABASE, '--local', `--file=${file}`])
}
