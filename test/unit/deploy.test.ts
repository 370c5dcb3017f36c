import { describe, expect, it } from 'vitest'
import {
  configProblems,
  deploySteps,
  ENVIRONMENTS,
  isEnvironment,
  missingBindings,
  type Plan,
  readEnvironment,
} from '../../scripts/deploy'

// `npm run deploy -- staging|production` (docs/operations.md): what it runs, in which order, and
// what it refuses. The dry run itself, offline, is test/unit/deploy-dry-run.test.ts.

const plan: Plan = {
  environment: 'production',
  database: 'tanggapan-production',
  dryRun: false,
  exportSql: false,
  backupDir: 'backups',
  stamp: '2026-05-04T01-30-00Z',
}
const commands = (p: Plan) => deploySteps(p).map((s) => s.command.join(' '))

describe('npm run deploy', () => {
  it('takes a bookmark, then migrates D1, and only then deploys the Worker, all in the one environment', () => {
    const steps = deploySteps(plan)
    expect(steps.map((s) => s.command.slice(0, 5).join(' '))).toEqual([
      'npm run build',
      'npx wrangler d1 time-travel info',
      'npx wrangler d1 migrations apply',
      'npx wrangler deploy --env production',
    ])
    for (const step of steps.slice(1)) {
      expect(step.command.slice(-2)).toEqual(['--env', 'production'])
      expect(step.printedOnly).toBe(false)
    }
    expect(steps[1].saveTo).toBe('backups/production-2026-05-04T01-30-00Z-bookmark.json')
    expect(commands(plan)[2]).toContain('tanggapan-production --remote')
  })

  it('with --export, also keeps a full SQL export before migrating', () => {
    const steps = commands({ ...plan, exportSql: true })
    expect(steps[2]).toBe(
      'npx wrangler d1 export tanggapan-production --remote --output backups/production-2026-05-04T01-30-00Z.sql --env production',
    )
    expect(steps[3]).toMatch(/migrations apply/)
  })

  it('a dry run shows every step but runs only the offline bundle', () => {
    const steps = deploySteps({ ...plan, environment: 'staging', dryRun: true, outdir: 'out' })
    expect(steps.filter((s) => !s.printedOnly).map((s) => s.command.join(' '))).toEqual([
      'npx wrangler deploy --dry-run --outdir out --env staging',
    ])
    expect(steps.filter((s) => s.printedOnly)).toHaveLength(3)
  })

  it('knows only staging and production', () => {
    expect(ENVIRONMENTS).toEqual(['staging', 'production'])
    for (const name of ['', 'prod', 'Production', 'staging ', undefined])
      expect(isEnvironment(name)).toBe(false)
  })
})

describe('wrangler.toml', () => {
  for (const environment of ENVIRONMENTS) {
    const { raw, resolved } = readEnvironment(environment)

    it(`[env.${environment}] repeats every binding and var of the top level (wrangler does not inherit them)`, () => {
      expect(missingBindings(raw, environment)).toEqual([])
    })

    it(`[env.${environment}] is its own Worker, within the CPU limit, with Workers Logs on`, () => {
      expect(resolved).toMatchObject({
        name: `tanggapan-${environment}`,
        // Logs without the invocation logs, which would keep readers' addresses and user agents.
        observability: { enabled: true, logs: { enabled: true, invocation_logs: false } },
        limits: { cpu_ms: 200 },
      })
    })

    it(`[env.${environment}] PUBLIC_ORIGIN is its custom domain; only the database id awaits the operator`, () => {
      expect(configProblems(resolved, environment)).toEqual([
        expect.stringMatching(/has no database_id yet/),
      ])
    })
  }

  it('gives each environment its own D1 and rate-limit counters', () => {
    type Sections = {
      d1_databases: { database_name: string }[]
      ratelimits: { namespace_id: string }[]
    }
    const all = [
      readEnvironment('staging').raw as Sections,
      ...ENVIRONMENTS.map((e) => readEnvironment(e).resolved as unknown as Sections),
    ]
    const databases = all.map((c) => c.d1_databases[0].database_name)
    expect(new Set(databases).size).toBe(3)
    // Namespace ids are the account's: two Workers with one id would share their counters.
    const namespaces = all.flatMap((c) => c.ratelimits.map((r) => r.namespace_id))
    expect(new Set(namespaces).size).toBe(namespaces.length)
    expect(namespaces).toHaveLength(6)
  })

  it('reports a binding added at the top level but not in an environment', () => {
    const raw = {
      vars: { MAX_OPDS_PER_SITE: '40' },
      kv_namespaces: [{ binding: 'CACHE', id: 'x' }],
      durable_objects: { bindings: [{ name: 'ARTICLES', class_name: 'ArticleObject' }] },
      env: {
        production: {
          vars: { PUBLIC_ORIGIN: 'https://a.go.id' },
          durable_objects: { bindings: [{ name: 'ARTICLES', class_name: 'ArticleObject' }] },
        },
      },
    }
    expect(missingBindings(raw, 'production')).toEqual([
      'vars.MAX_OPDS_PER_SITE',
      'kv_namespaces.CACHE',
    ])
    expect(missingBindings(raw, 'staging')).toEqual([
      'vars.MAX_OPDS_PER_SITE',
      'kv_namespaces.CACHE',
      'durable_objects.bindings.ARTICLES',
    ])
  })

  it('refuses a PUBLIC_ORIGIN that is not the custom domain', () => {
    const config = {
      vars: { PUBLIC_ORIGIN: 'https://tanggapan.akun.workers.dev' },
      routes: [{ pattern: 'tanggapan.contohkab.go.id', custom_domain: true }],
      d1_databases: [{ binding: 'DB', database_id: '3f1c9a52-5d0e-4b7a-9c1d-2e8f6a4b7c90' }],
    }
    expect(configProblems(config, 'production')).toEqual([
      expect.stringContaining('PUBLIC_ORIGIN must be https://tanggapan.contohkab.go.id'),
    ])
    config.vars.PUBLIC_ORIGIN = 'https://tanggapan.contohkab.go.id'
    expect(configProblems(config, 'production')).toEqual([])
  })
})
