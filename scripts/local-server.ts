import { spawn, type ChildProcess } from 'node:child_process'
import { ensureRegions } from './build-regions'
import { ensureWidget } from './build-widget'
import { jakartaDay } from '../worker/domain/calendar/days'
import { demoSeedSql } from './demo-data'
import { seedLocalSkm } from './demo-skm-local'
import { configuredCrons, startLocalCron } from './local-cron'
import { applyLocalMigrations, executeLocalSql, offlineEnv } from './local-d1'
import { tokenSql } from './token'

// One way to run Tanggapan locally, shared by `npm start`, the browser tests and the
// benchmarks: migrations and demo data into a local D1, then the Worker on wrangler dev.

export interface LocalServerOptions {
  port: number
  /** Folder of the local D1; wrangler's default (.wrangler/state) when absent. */
  persistTo?: string
  /** Worker vars (`--var NAME:VALUE`), e.g. RATE_LIMITS. */
  vars?: Record<string, string>
  /** Inherit the server's output (npm start) or keep it (tests, benchmarks). */
  stdio?: 'inherit' | 'pipe'
  /** The local admin token's value; random when absent (npm start prints it either way). */
  adminToken?: string
  /** Another Worker's wrangler config (the benchmark's baseline); wrangler.toml when absent. */
  config?: string
  /** Replaces the default preparation (migrations, demo data, admin token): another Worker's own. */
  prepare?: (persistTo?: string) => void | Promise<void>
  /** The path polled until the Worker answers 2xx. */
  readyPath?: string
  /**
   * The devtools port. When absent wrangler picks a free one, which can race with another
   * wrangler dev starting at the same moment (the benchmark starts three).
   */
  inspectorPort?: number
  /**
   * Fire the config's cron triggers on their schedule, as Cloudflare does (npm start). Off for
   * the tests and benchmarks, whose figures a retention run or a webhook retry would move.
   */
  crons?: boolean
  /**
   * The Jakarta day the news demo is seeded as of (its three months end the day before);
   * the real today when absent. The browser tests fix it, so the figures they read do not
   * move with the day they run on.
   */
  demoToday?: string
}

export interface LocalServer {
  url: string
  /** A bearer token of role admin for this local server ('' for another Worker's, see `prepare`). */
  adminToken: string
  process: ChildProcess
  /** What wrangler dev printed so far (with `stdio: 'pipe'`). */
  output(): string
  stop(): Promise<void>
}

/** Migrations, demo data (news and survey) and the local admin token (stored as its hash, as `npm run token` does). */
export async function prepareLocalDatabase(
  port: number,
  persistTo?: string,
  adminToken?: string,
  demoToday = jakartaDay(Date.now()),
): Promise<string> {
  applyLocalMigrations(persistTo)
  const admin = await tokenSql({
    role: 'admin',
    label: 'npm start (local admin)',
    fixed: {
      id: 'local-admin',
      token: adminToken ?? `tgp_local_${crypto.randomUUID().replace(/-/g, '')}`,
    },
  })
  executeLocalSql(
    (await demoSeedSql([`http://localhost:${port}`, `http://127.0.0.1:${port}`], demoToday)) +
      admin.sql,
    persistTo,
  )
  // The survey's months run up to yesterday, whatever day the demo starts on.
  await seedLocalSkm(Date.now(), persistTo)
  return admin.token
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  const { port, persistTo, vars = {}, stdio = 'pipe', config } = options
  const readyPath = options.readyPath ?? '/api/v1/summary?site=demo&article=ready'
  // The Worker embeds the built widget and the region list: every caller serves the current ones.
  ensureRegions()
  await ensureWidget()
  // Another Worker (the benchmark's baseline) prepares its own database and has no admin token.
  let adminToken = ''
  if (options.prepare) await options.prepare(persistTo)
  else
    adminToken = await prepareLocalDatabase(port, persistTo, options.adminToken, options.demoToday)
  const args = [
    'wrangler',
    'dev',
    '--port',
    String(port),
    '--ip',
    '127.0.0.1',
    '--show-interactive-dev-session=false',
  ]
  if (config) args.push('--config', config)
  if (options.inspectorPort) args.push('--inspector-port', String(options.inspectorPort))
  if (persistTo) args.push('--persist-to', persistTo)
  const crons = options.crons ? configuredCrons(config) : []
  if (crons.length > 0) args.push('--test-scheduled')
  // Local receivers (a webhook to localhost) are fine here, never in a deployed Worker.
  for (const [name, value] of Object.entries({ ALLOW_LOCAL_ADDRESSES: 'on', ...vars }))
    args.push('--var', `${name}:${value}`)
  // Its own process group, so that stopping it ends wrangler and workerd too, whoever stops us.
  const child = spawn('npx', args, {
    stdio: ['ignore', stdio, stdio],
    env: offlineEnv,
    detached: true,
  })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))

  const url = `http://127.0.0.1:${port}`
  let schedule: { stop(): void } | undefined
  const stop = async () => {
    schedule?.stop()
    if (child.exitCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    // The CLI runs workerd as a child: end the whole process group.
    if (child.pid) process.kill(-child.pid, 'SIGTERM')
    await exited
  }
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${output}`)
    try {
      // A Worker still starting can hold a connection open: ask again rather than wait forever.
      const res = await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(5_000) })
      if (res.ok) {
        if (crons.length > 0) schedule = startLocalCron(crons, (cron) => fireCron(url, cron))
        return { url, adminToken, process: child, output: () => output, stop }
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  await stop()
  throw new Error(`wrangler dev did not answer on ${url} within 60 s:\n${output}`)
}

/** One run of a cron trigger, through wrangler dev's `--test-scheduled` path. */
async function fireCron(url: string, cron: string): Promise<void> {
  const res = await fetch(`${url}/__scheduled?${new URLSearchParams({ cron })}`)
  if (!res.ok) throw new Error(`/__scheduled answered ${res.status}`)
}
