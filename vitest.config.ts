import { defineConfig } from 'vitest/config'
import { ensureDashboard } from './scripts/build-dashboard'
import { ensureRegions } from './scripts/build-regions'
import { ensureWidget } from './scripts/build-widget'
import { clockProjects } from './test/vitest.worker-clock.config'

// Three layers, run together by `npm test`:
// - unit: pure domain logic (percentages, IKM, …) in Node, no runtime, no database;
// - worker: the API inside workerd against a real local D1 (test/vitest.worker.config.ts);
// - clock: the worker files about days and periods again, at instants where days, weeks and
//   years turn over (test/vitest.worker-clock.config.ts);
// - browser: real pages in Debian's Chromium against wrangler dev (test/browser).
// Tests never call Cloudflare's network: miniflare uses its fallback `cf` object.
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
process.env.WRANGLER_SEND_METRICS = 'false'

// The Worker embeds the region list and the built widget (worker/generated/) and serves the dashboard's files, so
// even a bare `npx vitest run` on a fresh clone builds them first. After `npm run build` (as
// in `npm test`) they are current and nothing is built again; the size tests read the files.
ensureRegions()
await ensureWidget()
await ensureDashboard()

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      './test/vitest.worker.config.ts',
      ...clockProjects,
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['./test/browser/global-setup.ts'],
          // A test may wait out a flush (5 s, and up to 20 s on a busy machine) and a request
          // asked once more (test/browser/local-api.ts): 30 s was once too short in CI.
          testTimeout: 60_000,
          hookTimeout: 90_000,
          // The machine is shared: a page's next request may take more than poll's default 1 s.
          expect: { poll: { timeout: 5_000 } },
          // One Chromium per file on two cores: files in sequence keep timings calm.
          fileParallelism: false,
        },
      },
    ],
  },
})
