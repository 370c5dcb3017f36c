import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// The local D1 that `wrangler dev` serves lives in a persist folder (.wrangler/state by
// default); these run wrangler's own commands against it, so what npm start applies is
// exactly what a deploy applies.

const DATABASE = 'tanggapan'

// No call to Cloudflare's network: metrics off, and miniflare's `cf` object from its fallback.
export const offlineEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
}

function wrangler(args: string[]): string {
  return execFileSync('npx', ['wrangler', ...args], {
    env: offlineEnv,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // A query of every table (the privacy test's) prints megabytes as JSON: past the 1 MiB
    // default the call fails with ENOBUFS instead of answering.
    maxBuffer: 256 * 1024 * 1024,
  })
}

const persistArgs = (persistTo?: string) => (persistTo ? ['--persist-to', persistTo] : [])

export function applyLocalMigrations(persistTo?: string): void {
  wrangler(['d1', 'migrations', 'apply', DATABASE, '--local', ...persistArgs(persistTo)])
}

export function executeLocalSql(sql: string, persistTo?: string): void {
  const file = join(mkdtempSync(join(tmpdir(), 'tanggapan-')), 'run.sql')
  writeFileSync(file, sql)
  wrangler(['d1', 'execute', DATABASE, '--local', `--file=${file}`, ...persistArgs(persistTo)])
}

/** Rows of a read-only query against the local D1 (tests use it to look inside). */
export function queryLocalSql<Row>(sql: string, persistTo?: string): Row[] {
  return queryLocalSqlEach<Row>(sql, persistTo)[0]
}

/** Rows of each of several `;`-separated queries, in one wrangler run. */
export function queryLocalSqlEach<Row>(sql: string, persistTo?: string): Row[][] {
  const out = wrangler([
    'd1',
    'execute',
    DATABASE,
    '--local',
    '--json',
    `--command=${sql}`,
    ...persistArgs(persistTo),
  ])
  return (JSON.parse(out) as { results: Row[] }[]).map((r) => r.results)
}
