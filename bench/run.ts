import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { type LocalServer, startLocalServer } from '../scripts/local-server'
import { jakartaDay } from '../worker/domain/calendar/days'
import { startBaseline } from './baseline/server'
import { measureHotPath, renderHotPath } from './hot-path'
import { loadDataset } from './dataset'
import { measureNation } from './national'
import { type LoadPhase, type Measured, pool, runLoad, summarise } from './load'
import { describeMachine } from './machine'
import { type Figures, renderMarkdown, renderNational, renderTable, SETTINGS } from './report'
import { probe, statsPhases } from './stats-phases'
import { MILLION, type Shape, THOUSAND } from './synthetic-data'
import { widgetBytes } from './widget-bytes'
import { measureFirstFigures } from './first-figures'
import { summaryRequest } from './workload'

// `npm run bench`: four Workers on wrangler dev side by side (the bare-insert baseline,
// Tanggapan on 1,000 and on 1,000,000 responses, and on every pemda of the nation), each load
// phase bounded in time and count, then a table on stdout and BENCHMARKS.md. Ports BENCH_PORT …
// BENCH_PORT+9 (default 8820): +3 to +5, +7 and +9 for devtools; +8 is Tanggapan on a copy
// of the million responses, for the vote path's phases (bench/hot-path.ts).

const started = performance.now()
const basePort = Number(process.env.BENCH_PORT ?? 8820)
const machine = describeMachine()
const today = jakartaDay(Date.now())
const from = jakartaDay(Date.now() - (MILLION.days - 1) * 86_400_000)
const log = (message: string) =>
  console.error(
    `[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${message}`,
  )

const root = mkdtempSync(join(tmpdir(), 'tanggapan-bench-'))
const servers: LocalServer[] = []
// Each server once: a second stop() would wait for an exit that has already happened.
const stopAll = () => Promise.all(servers.splice(0).map((s) => s.stop()))
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)))
// Every phase is bounded, but a Worker that hangs while starting must not hold the run either.
const LIMIT_MS = 15 * 60_000
setTimeout(() => {
  log(`still running after ${LIMIT_MS / 60_000} minutes: stopping, no figures written`)
  void stopAll().then(() => {
    rmSync(root, { recursive: true, force: true })
    process.exit(1)
  })
}, LIMIT_MS).unref()

// Per-address abuse limits would throttle a load generator on one address (docs/contract.md §6).
const vars = { RATE_LIMITS: 'off' }

/**
 * Loads the data first, then starts the Worker on it (whose own preparation adds nothing).
 * With `objectPort`, a second Worker on a copy of the same data: the vote path's phases then
 * find no object the statistics and summary phases woke.
 */
async function tanggapanOn(port: number, shape: Shape, objectPort?: number) {
  const persistTo = join(root, `d1-${port}`)
  const loaded = await loadDataset(port, persistTo, shape, today)
  let object: { url: string; persistTo: string; adminToken: string } | null = null
  if (objectPort) {
    const copy = join(root, `d1-${objectPort}`)
    cpSync(persistTo, copy, { recursive: true })
    const started = await startLocalServer({
      port: objectPort,
      persistTo: copy,
      vars,
      inspectorPort: objectPort + 1,
    })
    servers.push(started)
    object = { url: started.url, persistTo: copy, adminToken: started.adminToken }
  }
  const server = await startLocalServer({ port, persistTo, vars, inspectorPort: port + 3 })
  servers.push(server)
  return { server, loaded, object }
}

/** BENCH_ONLY=object: the hot path's phases alone (bench/hot-path.ts), printed, nothing written. */
async function hotPathOnly() {
  log('loading 1,000,000 responses and starting Tanggapan on them')
  const large = await tanggapanOn(basePort + 2, MILLION, basePort + 8)
  const baseline = await startBaseline(basePort, join(root, 'baseline'))
  servers.push(baseline)
  const figures = await measureHotPath({ object: large.object!, baseline }, MILLION, log)
  await stopAll()
  console.log(
    `\n${JSON.stringify({ ...machine, loadAfter: loadavg()[0] })}\n\n${renderHotPath(figures)}`,
  )
}

/** Writes are measured under load (throughput); reads one at a time (what a reader waits). */
const phase = (url: string, next: LoadPhase['next'], connections: number): LoadPhase => ({
  url,
  next,
  seconds: SETTINGS.seconds,
  maxRequests: SETTINGS.maxRequests,
  connections,
})

/** Rounds of A then B, so drift in the machine's other load falls on both alike. */
async function interleaved(a: LoadPhase, b: LoadPhase): Promise<[Measured, Measured]> {
  await runLoad({ ...a, seconds: SETTINGS.warmupSeconds })
  await runLoad({ ...b, seconds: SETTINGS.warmupSeconds })
  const rounds: [Measured[], Measured[]] = [[], []]
  for (let i = 0; i < SETTINGS.rounds; i++) {
    rounds[0].push(await runLoad(a))
    rounds[1].push(await runLoad(b))
  }
  return [pool(rounds[0]), pool(rounds[1])]
}

async function alone(p: LoadPhase): Promise<Measured> {
  await runLoad({ ...p, seconds: SETTINGS.warmupSeconds })
  const rounds: Measured[] = []
  for (let i = 0; i < SETTINGS.rounds; i++) rounds.push(await runLoad(p))
  return pool(rounds)
}

/**
 * BENCHMARKS.md's section `npm run bench:cost` measures (bench/cost.ts prints it; it is kept by
 * hand), carried over when this run writes the file again.
 */
function costSection(): string {
  const now = existsSync('BENCHMARKS.md') ? readFileSync('BENCHMARKS.md', 'utf8') : ''
  const at = now.indexOf('\n## Cost per million page views')
  if (at < 0) return ''
  const next = now.indexOf('\n## ', at + 1)
  return now.slice(at, next < 0 ? undefined : next)
}

/** The datasets of issue 6, the baseline, the table and BENCHMARKS.md. */
async function everythingElse(widget: Figures['widget'], national: Figures['national']) {
  log('loading 1,000 responses and starting Tanggapan on them')
  const small = await tanggapanOn(basePort + 1, THOUSAND)
  log(`loading 1,000,000 responses and starting Tanggapan on them`)
  const large = await tanggapanOn(basePort + 2, MILLION, basePort + 8)
  log(`1,000,000 responses loaded in ${large.loaded.loadSeconds.toFixed(1)} s, counters checked`)
  log('starting the bare-insert baseline Worker')
  const baseline = await startBaseline(basePort, join(root, 'baseline'))
  servers.push(baseline)

  log('GET /api/v1/summary at 1,000 and at 1,000,000 responses')
  const [summary1k, summary1m] = await interleaved(
    phase(small.server.url, () => summaryRequest(THOUSAND), SETTINGS.readConnections),
    phase(large.server.url, () => summaryRequest(MILLION), SETTINGS.readConnections),
  )

  const stats: Figures['stats'] = []
  for (const { name, p50Target, next } of statsPhases(
    MILLION,
    large.server.adminToken,
    from,
    today,
  )) {
    const built = await probe(large.server.url, next())
    log(built ? name : `${name}: not built yet, skipped`)
    const measured = built
      ? await alone(phase(large.server.url, next, SETTINGS.readConnections))
      : null
    stats.push({ name, p50Target, result: measured && summarise(name, measured) })
  }

  const hotPath = await measureHotPath({ object: large.object!, baseline }, MILLION, log)

  const figures: Figures = {
    machine,
    data: { thousand: small.loaded, million: large.loaded },
    summary: {
      thousand: summarise('summary at 1k', summary1k),
      million: summarise('summary at 1M', summary1m),
    },
    stats,
    national,
    widget,
    firstFigures: await measureFirstFigures(),
    hotPath,
    seconds: 0,
  }
  await stopAll()
  figures.seconds = (performance.now() - started) / 1000
  console.log(renderTable(figures))
  writeFileSync('BENCHMARKS.md', renderMarkdown(figures) + costSection())
  log('wrote BENCHMARKS.md')
}

try {
  if (process.env.BENCH_ONLY === 'object') {
    await hotPathOnly()
    process.exit(0)
  }
  // The bytes first: a build that fails should not wait for the load phases.
  const widget = await widgetBytes()
  const national = await measureNation({
    port: basePort + 6,
    inspectorPort: basePort + 7,
    root,
    today,
    vars,
    servers,
    measure: (url, next) => alone(phase(url, next, SETTINGS.readConnections)),
    log,
  })

  // BENCH_ONLY=national measures the national size alone, prints it and writes nothing.
  if (process.env.BENCH_ONLY === 'national') console.log(renderNational(national))
  else await everythingElse(widget, national)
} finally {
  await stopAll()
  rmSync(root, { recursive: true, force: true })
}
