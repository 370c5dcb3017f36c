import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { unstable_readConfig, unstable_startWorker } from 'wrangler'

// The demo's survey answers (scripts/demo-skm.ts) into the local D1, by the storage code the
// API uses, run in a Worker of its own (scripts/demo-skm-worker.ts) on that D1. From Node,
// through wrangler's platform proxy, each statement would be a round trip: over a minute for
// the demo's thousand submissions, against seconds inside workerd.

export async function seedLocalSkm(nowMs: number, persistTo?: string): Promise<void> {
  const { compatibility_date, d1_databases } = unstable_readConfig({ config: 'wrangler.toml' })
  // A config of its own with the D1 binding alone: wrangler.toml's objects live in its Worker.
  const config = join(mkdtempSync(join(tmpdir(), 'tanggapan-')), 'wrangler.json')
  writeFileSync(
    config,
    JSON.stringify({
      name: 'tanggapan-demo-skm',
      main: resolve('scripts/demo-skm-worker.ts'),
      compatibility_date,
      d1_databases: d1_databases.map(
        (d: { binding: string; database_name: string; database_id?: string }) => ({
          binding: d.binding,
          database_name: d.database_name,
          database_id: d.database_id,
        }),
      ),
    }),
  )
  // In this process, not a child's: no call to Cloudflare for the `cf` object (local-d1.ts).
  process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false'
  const worker = await unstable_startWorker({
    config,
    dev: {
      // wrangler's own default, as `wrangler dev` and `wrangler d1 execute --local` use it.
      persist: resolve(persistTo ?? '.wrangler/state'),
      server: { port: 0 },
      inspector: false,
      watch: false,
      logLevel: 'error',
    },
  })
  try {
    const res = await worker.fetch(`http://demo-skm/?now=${nowMs}`)
    if (!res.ok) throw new Error(`the demo SKM seed answered ${res.status}: ${await res.text()}`)
  } finally {
    await worker.dispose()
  }
}
