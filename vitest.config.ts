import { defineConfig } from 'vitest/config'

// Three layers, run together by `npm test`:
// - unit: pure domain logic (percentages, IKM, …) in Node, no runtime, no database;
// - worker: the API inside workerd against a real local D1 (test/vitest.worker.config.ts);
// - browser: the widget and dashboard in Debian's Chromium (added with the widget).
// Tests never call Cloudflare's network: miniflare uses its fallback `cf` object.
process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
process.env.WRANGLER_SEND_METRICS = 'false'

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      './test/vitest.worker.config.ts',
    ],
  },
})
