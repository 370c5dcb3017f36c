import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { experimental_readRawConfig, unstable_readConfig } from 'wrangler'

// `npm run deploy -- staging|production [--export] [--dry-run [--outdir DIR]]`
// (docs/operations.md «Upgrades»). In order: build; a D1 Time Travel bookmark saved to
// backups/ (and, with --export, a full SQL export); the D1 migrations; only then the new
// Worker. Migrations go first because the old Worker keeps serving until the new one is live:
// each migration must leave a schema the running Worker still works with (add, never rename or
// drop in the same release). --dry-run prints the steps and runs only `wrangler deploy
// --dry-run`, which bundles the Worker offline and contacts no one (test/unit/deploy.test.ts).

export const ENVIRONMENTS = ['staging', 'production'] as const
export type Environment = (typeof ENVIRONMENTS)[number]

export interface Plan {
  environment: Environment
  /** The environment's D1 database_name (wrangler.toml [env.…]). */
  database: string
  dryRun: boolean
  /** A full `wrangler d1 export` besides the bookmark (it blocks the database while it runs). */
  exportSql: boolean
  /** The folder for the bookmark and the export. */
  backupDir: string
  /** Names this run's backup files, e.g. 2026-05-04T01-30-00Z. */
  stamp: string
  /** Where `wrangler deploy --dry-run` writes the bundle. */
  outdir?: string
}

export interface Step {
  /** Printed before the command: what it is for. */
  why: string
  command: string[]
  /** The file that keeps the command's standard output. */
  saveTo?: string
  /** Shown but not run (every step but the bundle in a dry run). */
  printedOnly: boolean
}

export function isEnvironment(name: string | undefined): name is Environment {
  return (ENVIRONMENTS as readonly (string | undefined)[]).includes(name)
}

/** The commands of one deploy, in the order they must run. */
export function deploySteps(plan: Plan): Step[] {
  const { environment: env, database, dryRun, backupDir, stamp } = plan
  const wrangler = (...args: string[]) => ['npx', 'wrangler', ...args, '--env', env]
  const remote = { printedOnly: dryRun }
  const steps: Step[] = [
    {
      why: 'build the widget (embedded in the Worker) and the dashboard',
      command: ['npm', 'run', 'build'],
      ...remote,
    },
    {
      why: `D1 Time Travel bookmark of ${database} before anything changes (restore: docs/operations.md)`,
      command: wrangler('d1', 'time-travel', 'info', database, '--json'),
      saveTo: `${backupDir}/${env}-${stamp}-bookmark.json`,
      ...remote,
    },
  ]
  if (plan.exportSql)
    steps.push({
      why: `full SQL export of ${database} (the database answers nothing while it runs)`,
      command: wrangler(
        'd1',
        'export',
        database,
        '--remote',
        '--output',
        `${backupDir}/${env}-${stamp}.sql`,
      ),
      ...remote,
    })
  steps.push(
    {
      why: `apply the migrations not yet applied to ${database}, before the new Worker needs them`,
      command: wrangler('d1', 'migrations', 'apply', database, '--remote'),
      ...remote,
    },
    dryRun
      ? {
          why: 'bundle the Worker as it would be uploaded (offline, nothing is sent)',
          command: wrangler(
            'deploy',
            '--dry-run',
            ...(plan.outdir ? ['--outdir', plan.outdir] : []),
          ),
          printedOnly: false,
        }
      : {
          why: `deploy the Worker tanggapan-${env}`,
          command: wrangler('deploy'),
          printedOnly: false,
        },
  )
  return steps
}

type Raw = Record<string, unknown>

/**
 * Top-level wrangler.toml keys that an environment inherits or that belong to the top level
 * only. Every other top-level key is a binding or var, which wrangler does not inherit: an
 * environment must repeat it. A key added to wrangler.toml that is in neither group counts as
 * a binding, so a new one cannot be forgotten in production unnoticed.
 */
const INHERITED = new Set([
  'name',
  'main',
  'compatibility_date',
  'compatibility_flags',
  'send_metrics',
  'observability',
  'migrations',
  'assets',
  'limits',
  'triggers',
  'minify',
  'upload_source_maps',
  'keep_vars',
  'placement',
  'env',
  '$schema',
])

/** `vars.X`, `d1_databases.DB`, `durable_objects.ARTICLES`, … of one section of the config. */
function bindingNames(key: string, value: unknown): string[] {
  if (Array.isArray(value))
    return value.map((entry: Raw) => {
      const name = entry.binding ?? entry.name ?? entry.queue ?? JSON.stringify(entry)
      return `${key}.${String(name)}`
    })
  if (typeof value === 'object' && value !== null) {
    const raw = value as Raw
    if (typeof raw.binding === 'string') return [`${key}.${raw.binding}`]
    return Object.entries(raw).flatMap(([k, v]) =>
      typeof v === 'object' && v !== null ? bindingNames(`${key}.${k}`, v) : [`${key}.${k}`],
    )
  }
  return [key]
}

/** Bindings and vars of the top level that the environment lacks. */
export function missingBindings(raw: Raw, environment: string): string[] {
  const section = ((raw.env as Raw | undefined)?.[environment] ?? {}) as Raw
  const have = new Set(
    Object.entries(section)
      .filter(([key]) => !INHERITED.has(key))
      .flatMap(([key, value]) => bindingNames(key, value)),
  )
  return Object.entries(raw)
    .filter(([key]) => !INHERITED.has(key))
    .flatMap(([key, value]) => bindingNames(key, value))
    .filter((name) => !have.has(name))
}

export interface Resolved {
  vars: Record<string, unknown>
  routes?: unknown[]
  d1_databases: { binding: string; database_name?: string; database_id?: string }[]
}

const PLACEHOLDER_ID = /^0{8}-0{4}-0{4}-0{4}-0{12}$/

/**
 * What stands between an environment's configuration and a deploy: a placeholder database id,
 * and a PUBLIC_ORIGIN that is not the https address of its custom domain (the snippets would
 * point elsewhere than where the Worker answers).
 */
export function configProblems(config: Resolved, environment: string): string[] {
  const problems: string[] = []
  const db = config.d1_databases.find((d) => d.binding === 'DB')
  if (!db?.database_id || PLACEHOLDER_ID.test(db.database_id))
    problems.push(
      `[env.${environment}] DB has no database_id yet: put the id that \`wrangler d1 create\` printed into wrangler.toml`,
    )
  const domains = (config.routes ?? []).flatMap((r) =>
    typeof r === 'object' && r !== null && (r as Raw).custom_domain === true
      ? [String((r as Raw).pattern)]
      : [],
  )
  const origin = config.vars.PUBLIC_ORIGIN
  if (domains.length !== 1)
    problems.push(`[env.${environment}] needs exactly one custom domain route`)
  else if (origin !== `https://${domains[0]}`)
    problems.push(
      `[env.${environment}] PUBLIC_ORIGIN must be https://${domains[0]}, the custom domain (it is ${String(origin)})`,
    )
  return problems
}

/** The configuration of one environment, as wrangler resolves it and as written. */
export function readEnvironment(environment: Environment, configPath = 'wrangler.toml') {
  const { rawConfig } = experimental_readRawConfig({ config: configPath })
  const resolved: Resolved = unstable_readConfig({ config: configPath, env: environment })
  return { raw: rawConfig as Raw, resolved }
}

function run(step: Step) {
  console.log(
    `\n${step.printedOnly ? '(dry run, not run)' : '→'} ${step.why}\n  ${step.command.join(' ')}`,
  )
  if (step.printedOnly) return
  const [bin, ...args] = step.command
  if (step.saveTo === undefined) {
    execFileSync(bin, args, { stdio: 'inherit' })
    return
  }
  const out = execFileSync(bin, args, { stdio: ['inherit', 'pipe', 'inherit'], encoding: 'utf8' })
  writeFileSync(step.saveTo, out)
  console.log(`  saved to ${step.saveTo}:\n${out}`)
}

function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      export: { type: 'boolean', default: false },
      outdir: { type: 'string' },
    },
  })
  const [environment] = positionals
  if (positionals.length !== 1 || !isEnvironment(environment)) {
    console.error(
      `usage: npm run deploy -- ${ENVIRONMENTS.join('|')} [--export] [--dry-run [--outdir DIR]]`,
    )
    process.exit(2)
  }
  const dryRun = values['dry-run']
  const { raw, resolved } = readEnvironment(environment)
  const problems = [
    ...missingBindings(raw, environment).map(
      (name) => `[env.${environment}] lacks ${name}, which the top level has (not inherited)`,
    ),
    ...(dryRun ? [] : configProblems(resolved, environment)),
  ]
  if (problems.length > 0) {
    console.error(`Not deploying ${environment}:\n- ${problems.join('\n- ')}`)
    process.exit(1)
  }
  const database = resolved.d1_databases.find((d) => d.binding === 'DB')?.database_name
  if (database === undefined) throw new Error(`[env.${environment}] has no DB`)
  const backupDir = 'backups'
  if (!dryRun) mkdirSync(backupDir, { recursive: true })
  const stamp = new Date().toISOString().replace(/:/g, '-').replace(/\.\d+/, '')
  const steps = deploySteps({
    environment,
    database,
    dryRun,
    exportSql: values.export,
    backupDir,
    stamp,
    outdir: values.outdir,
  })
  for (const step of steps) run(step)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main()
