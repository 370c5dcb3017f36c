import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineProject } from 'vitest/config'

// Paths below are from the repository root, where npm runs.
const root = new URL('..', import.meta.url).pathname

const migrations = await readD1Migrations(`${root}/migrations`)

export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: `${root}/wrangler.toml` },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: migrations,
          MAX_OPDS_PER_SITE: '12',
          ALLOW_LOCAL_ADDRESSES: 'on',
        },
      },
    }),
  ],
  test: {
    name: 'worker',
    root,
    include: ['test/worker/**/*.test.ts'],
    setupFiles: ['./test/apply-migrations.ts'],
    // Generous: CI machines are small and noisy; performance lives in npm run bench.
    testTimeout: 30_000,
  },
})
