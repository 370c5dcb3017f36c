import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startLocalServer } from '../../scripts/local-server'

// One local Tanggapan (wrangler dev + a fresh local D1 with the demo data) for all browser
// tests, on its own port and folder so it never touches a developer's `npm start`.

/**
 * The day the news demo is seeded as of: its answers run from 1 September to 1 December 2026
 * whatever day the suite runs on, so the periods the tests pick (2026-10, 2026-11, 2026-Q4)
 * hold the same answers. The dashboard tests fix their page clock on this day too.
 */
const DEMO_TODAY = '2026-12-02'

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
  const server = await startLocalServer({ port, persistTo, demoToday: DEMO_TODAY })
  project.provide('baseUrl', server.url)
  project.provide('persistTo', persistTo)
  project.provide('adminToken', server.adminToken)
  return async () => {
    await server.stop()
    reportTrouble(server.output())
    rmSync(persistTo, { recursive: true, force: true })
  }
}

/** A request that took this long is reported: every one the tests make takes well under it. */
const SLOW_MS = 3_000

/**
 * After the run, what on the server side may explain a browser test that timed out: slow
 * requests, failed flushes and errors from wrangler dev's output (CI shows only the test
 * runner's). Silent when there is none.
 */
function reportTrouble(output: string) {
  const lines = output.split('\n')
  const troubled = (line: string) => {
    const ms = /\((\d+)ms\)\s*$/.exec(line)
    return (
      (ms && Number(ms[1]) >= SLOW_MS) ||
      /flush failed|ERROR|Uncaught|\s5\d\d [A-Z][a-z]/.test(line)
    )
  }
  // Each with the line before it: the request logged just before an error is where to look.
  const shown = new Set<number>()
  lines.forEach((line, i) => {
    if (!troubled(line)) return
    if (i > 0) shown.add(i - 1)
    shown.add(i)
  })
  if (shown.size === 0) return
  const report = [...shown].slice(-60).map((i) => lines[i])
  console.error(`wrangler dev (browser tests) reported:\n${report.join('\n')}`)
}
