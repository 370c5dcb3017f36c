import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { jakartaDay } from '../worker/domain/calendar/days'
import { startBaseline } from './baseline/server'
import { type LoadPhase, type Measured, pool, runLoad, summarise } from './load'
import { describeMachine } from './machine'
import { SETTINGS } from './report'
import { MILLION } from './synthetic-data'
import { ACTIVE_SITES, EVICTED_WAIT_MS } from './hot-path'
import { baselineRequest, everyArticle, voteRequest } from './workload'

// `npm run bench:against -- <checkout> [<checkout> …]`: the vote path of this tree and of other
// checkouts (e.g. `git worktree add ../before <commit>` with its own `npm ci`) in ONE run, on
// the same million responses, round by round with the bare-insert baseline: A, B, …, baseline,
// A, B, … so the machine's other load falls on all alike. Two separate `npm run bench` runs on a
// shared machine differ by more than the change being judged; this is the comparison issue 11
// asks for ("no slower than before, same run"). Prints a table; writes nothing.
//
// The votes go to one site's 1,000 articles of the million (bench/hot-path.ts's workload), each
// asked for its summary once first: on the object path (this tree's default) an article's
// object exists once its widget has been shown, and seeding 20,000 would outlast the run. After
// each tree's phase the run waits until its objects have flushed and the local runtime has
// evicted them: both would otherwise fall on the next phase (D1 runs in the same workerd here,
// in production on D1's own machine), and every phase finds its objects evicted alike.

const others = process.argv.slice(2).map((a) => resolve(a))
if (others.length === 0)
  throw new Error('usage: npm run bench:against -- <path of another checkout> [<path> …]')
const here = process.cwd()
const basePort = Number(process.env.BENCH_PORT ?? 8840)
const today = jakartaDay(Date.now())
const rounds = Number(process.env.BENCH_ROUNDS ?? 5)
const root = mkdtempSync(join(tmpdir(), 'tanggapan-against-'))
const stops: (() => Promise<unknown>)[] = []
const log = (m: string) => console.error(`[against] ${m}`)

type Tree = { loadDataset: typeof import('./dataset').loadDataset } & {
  startLocalServer: typeof import('../scripts/local-server').startLocalServer
}

/** Each tree loads the data with its own migrations and serves its own Worker from its folder. */
async function serve(dir: string, port: number) {
  process.chdir(dir)
  try {
    const { loadDataset } = (await import(join(dir, 'bench/dataset.ts'))) as Tree
    const { startLocalServer } = (await import(join(dir, 'scripts/local-server.ts'))) as Tree
    const persistTo = join(root, `d1-${port}`)
    await loadDataset(port, persistTo, MILLION, today)
    const server = await startLocalServer({
      port,
      persistTo,
      vars: { RATE_LIMITS: 'off' },
      inspectorPort: port + 10,
    })
    stops.push(server.stop)
    return server.url
  } finally {
    process.chdir(here)
  }
}

const phase = (url: string, next: LoadPhase['next']): LoadPhase => ({
  url,
  next,
  seconds: SETTINGS.seconds,
  maxRequests: SETTINGS.maxRequests,
  connections: SETTINGS.writeConnections,
})

try {
  log(
    `load ${loadavg()[0].toFixed(1)}; loading 1,000,000 responses for this tree (${here}) and for ${others.join(', ')}`,
  )
  const trees = [here, ...others]
  const urls: string[] = []
  // Each tree's ports: its own and its inspector's (+10); the baseline's after the last tree's.
  for (const [i, dir] of trees.entries()) urls.push(await serve(dir, basePort + 20 * i))
  const baseline = await startBaseline(basePort + 20 * trees.length, join(root, 'baseline'))
  stops.push(baseline.stop)
  const active = { ...MILLION, sites: ACTIVE_SITES }
  const articles = active.sites * active.opdsPerSite * active.articlesPerOpd
  for (const url of urls) {
    log(`asking each of the ${articles} active articles' summary once on ${url}`)
    await runLoad({
      url,
      next: everyArticle(active),
      seconds: 600,
      maxRequests: articles,
      connections: 16,
    })
  }
  const drained = async (j: number) => {
    if (j < trees.length) await new Promise((r) => setTimeout(r, EVICTED_WAIT_MS))
  }
  const phases = [
    ...urls.map((url) => phase(url, () => voteRequest(active))),
    phase(baseline.url, () => baselineRequest(active)),
  ]
  for (const [j, p] of phases.entries()) {
    await runLoad({ ...p, seconds: SETTINGS.warmupSeconds })
    await drained(j)
  }
  const measured: Measured[][] = phases.map(() => [])
  for (let i = 0; i < rounds; i++) {
    log(`round ${i + 1} of ${rounds}`)
    for (const [j, p] of phases.entries()) {
      measured[j].push(await runLoad(p))
      await drained(j)
    }
  }
  const results = measured.map((m, j) => summarise(`#${j}`, pool(m)))
  const bare = results[trees.length]
  const mine = results[0]
  const machine = describeMachine()
  console.log(
    `${machine.cores} × ${machine.cpu}, load ${loadavg()[0].toFixed(1)} at the end, ${machine.date}`,
  )
  console.log('| vote path | req/s | × baseline | this tree ÷ it | p50 ms | p99 ms | failures |')
  console.log('|---|---|---|---|---|---|---|')
  for (const [j, r] of results.entries()) {
    const name = j === 0 ? 'this tree' : j < trees.length ? trees[j] : 'bare-insert baseline'
    const versus = j > 0 && j < trees.length ? (mine.throughput / r.throughput).toFixed(2) : ''
    console.log(
      `| ${name} | ${r.throughput.toFixed(0)} | ${(r.throughput / bare.throughput).toFixed(2)} | ${versus} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.failures} |`,
    )
  }
} finally {
  await Promise.all(stops.map((stop) => stop()))
  rmSync(root, { recursive: true, force: true })
}
