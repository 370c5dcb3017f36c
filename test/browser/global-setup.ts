import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startLocalServer } from '../../scripts/local-server'

// One local Tanggapan (wrangler dev + a fresh local D1 with the demo data) for all browser
// tests, on its own port and folder so it never touches a developer's `npm start`.

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    persistTo: string
    adminToken: string
  }
}

export default async function setup(project: TestProject) {
  const persistTo = mkdtempSync(join(tmpdir(), 'tanggapan-browser-'))
  const port = Number(process.env.BROWSER_TEST_PORT ?? 8791)
  const server = await startLocalServer({ port, persistTo })
  project.provide('baseUrl', server.url)
  project.provide('persistTo', persistTo)
  project.provide('adminToken', server.adminToken)
  return async () => {
    await server.stop()
    rmSync(persistTo, { recursive: true, force: true })
  }
}
