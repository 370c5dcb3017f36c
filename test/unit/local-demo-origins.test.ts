import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { queryLocalSql } from '../../scripts/local-d1'
import { prepareLocalDatabase } from '../../scripts/local-server'

// `PORT=… npm start` registers the server's own origins for the demo site. Each start on a
// new port used to add two more, and a developer's demo site passed its cap of 20 origins.

const persistTo = mkdtempSync(join(tmpdir(), 'tanggapan-demo-origins-'))
afterAll(() => rmSync(persistTo, { recursive: true, force: true }))

it('keeps only the last port’s local origins after starts on several ports', async () => {
  for (const port of [9101, 9102, 9103])
    await prepareLocalDatabase(port, persistTo, 'tgp_local_test')
  const origins = queryLocalSql<{ origin: string }>(
    "SELECT origin FROM site_origins WHERE site_id = 'demo' ORDER BY origin",
    persistTo,
  ).map((r) => r.origin)
  expect(origins).toEqual([
    'http://127.0.0.1:9103',
    'http://localhost:9103',
    'https://contohkab.go.id',
  ])
}, 120_000)
