import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineProject } from 'vitest/config'

// Paths below are from the repository root, where npm runs.
const root = new URL('..', import.meta.url).pathname

const migrations = await readD1Migrations(`${root}/migrations`)

/** The Worker in workerd against a local D1, its article objects included. */
export function workerProject(
  name: string,
  vars: Record<string, string>,
  include: string[],
  exclude: string[] = [],
) {
  return defineProject({
    plugins: [
      cloudflareTest({
        wrangler: { configPath: `${root}/wrangler.toml` },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            MAX_OPDS_PER_SITE: '12',
            ALLOW_LOCAL_ADDRESSES: 'on',
            ...vars,
          },
        },
      }),
    ],
    test: {
      name,
      root,
      include,
      exclude,
      setupFiles: ['./test/apply-migrations.ts', './test/fixed-clock.ts'],
      // Generous: CI machines are small and noisy; performance lives in npm run bench.
      testTimeout: 30_000,
    },
  })
}

export default workerProject('worker', {}, ['test/worker/**/*.test.ts'])
