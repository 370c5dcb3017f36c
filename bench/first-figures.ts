import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { createServer, request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { launchChromium } from '../test/browser/chromium'
import { startLocalServer } from '../scripts/local-server'
import { buildWidget, type WidgetBuild } from '../scripts/build-widget'

// `npx tsx bench/first-figures.ts` (and `npm run bench`): the time from the box entering the
// viewport to its figures painted, on an emulated slow mobile network (docs/contract.md §12),
// for the widget as BENCH_BASE builds it beside the widget of this tree, measured in one run
// against one Worker. Both are served by one small server on the same origin, which passes
// /api/ to the Worker, so each request pays the same emulated latency.

/** Chromium's network conditions (CDP Network.emulateNetworkConditions): a slow mobile network. */
export const SLOW_NETWORK = {
  offline: false,
  latency: 400,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
}
const ROUNDS = 7
/** The last commit whose widget made two requests (GET /summary, POST /views), unless told. */
const BASE = process.env.BENCH_BASE ?? '99a4452'
const PORT = Number(process.env.BENCH_PORT ?? 8840)

/** The widget as `ref` builds it: its sources from git, built by its own build script. */
async function widgetAt(ref: string): Promise<WidgetBuild> {
  const dir = mkdtempSync(join(tmpdir(), 'tanggapan-widget-'))
  try {
    const files = [
      'widget',
      'worker/domain',
      'scripts/build-widget.ts',
      'tsconfig.json',
      'package.json',
    ]
    execFileSync('sh', ['-c', `git archive ${ref} ${files.join(' ')} | tar -x -C ${dir}`])
    symlinkSync(resolve('node_modules'), join(dir, 'node_modules'))
    const built = await import(join(dir, 'scripts/build-widget.ts'))
    return await (built.buildWidget as typeof buildWidget)()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * From the scroll that brings the box into view to the first frame with its figures. A string:
 * tsx's transform would name the functions of a closure with a helper the page lacks.
 */
const TIME_TO_FIGURES = `new Promise((done) => {
  const host = document.querySelector('[data-tanggapan]')
  const start = performance.now()
  host.scrollIntoView()
  const look = () => {
    const counts = host.shadowRoot?.querySelector('.n')?.textContent ?? ''
    if (/\\d/.test(counts)) done(performance.now() - start)
    else requestAnimationFrame(look)
  }
  requestAnimationFrame(look)
})`

export interface FirstFigures {
  base: string
  /** Median and range of the rounds, in ms, and the API requests each page view made. */
  rows: { name: string; median: number; min: number; max: number; requests: number }[]
}

export async function measureFirstFigures(): Promise<FirstFigures> {
  const builds = { [`${BASE} (before)`]: await widgetAt(BASE), 'this tree': await buildWidget() }
  const worker = await startLocalServer({
    port: PORT,
    persistTo: mkdtempSync(join(tmpdir(), 'tanggapan-first-figures-')),
    vars: { RATE_LIMITS: 'off' },
    inspectorPort: PORT + 1,
  })
  const api = new URL(worker.url)
  const files = new Map<string, string>()
  const loaders = Object.values(builds).map((b, i) => {
    for (const [name, text] of [
      [b.chunkName, b.chunk],
      [b.commentName, b.comment],
      [b.countName, b.count],
    ])
      files.set(`/widget/${name}`, text)
    files.set(`/loader-${i}.js`, b.loader)
    return `/loader-${i}.js`
  })
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path.startsWith('/api/')) {
      const forward = httpRequest(
        {
          host: api.hostname,
          port: api.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      req.pipe(forward)
      return
    }
    const page = /^\/page-(\d+)$/.exec(path)
    const body = page
      ? `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Berita</title></head><body>
<h1>Berita</h1><div style="height:3000px"></div><div data-tanggapan data-opd="diskominfo"
data-article="${origin}/berita/bench" data-title="Berita"></div><div style="height:2000px"></div>
<script src="${origin}${loaders[Number(page[1])]}" async></script></body></html>`
      : files.get(path)
    if (body === undefined) return void res.writeHead(404).end()
    res.writeHead(200, {
      'Content-Type': page ? 'text/html' : 'text/javascript',
      'Access-Control-Allow-Origin': '*',
    })
    res.end(body)
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const admin = { Authorization: `Bearer ${worker.adminToken}`, 'Content-Type': 'application/json' }
  const site = await fetch(`${worker.url}/api/v1/admin/sites`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ id: 'bench-figures', name: 'Bench', origins: [origin] }),
  })
  if (!site.ok) throw new Error(`registering the bench's origin: ${await site.text()}`)

  const browser = await launchChromium()
  const times: number[][] = loaders.map(() => [])
  const requests = loaders.map(() => 0)
  try {
    // Alternating, so that neither variant has the warmer Worker.
    for (let round = 0; round <= ROUNDS; round++)
      for (let i = 0; i < loaders.length; i++) {
        const context = await browser.newContext({ viewport: { width: 400, height: 800 } })
        const page = await context.newPage()
        const cdp = await context.newCDPSession(page)
        await cdp.send('Network.enable')
        await cdp.send('Network.emulateNetworkConditions', SLOW_NETWORK)
        let asked = 0
        page.on('request', (r) => {
          if (new URL(r.url()).pathname.startsWith('/api/')) asked++
        })
        await page.goto(`${origin}/page-${i}`)
        await page.waitForLoadState('networkidle')
        // From the scroll that brings the box into view to the first frame with its figures.
        const ms = await page.evaluate<number>(TIME_TO_FIGURES)
        await page.waitForTimeout(1500) // the view request of the old way, sent once on screen
        // The first round warms the Worker and the article's object: not counted.
        if (round > 0) {
          times[i].push(ms)
          requests[i] = Math.max(requests[i], asked)
        }
        await context.close()
      }
  } finally {
    await browser.close()
    server.close()
    await worker.stop()
  }
  const rows = Object.keys(builds).map((name, i) => {
    const sorted = [...times[i]].sort((a, b) => a - b)
    return {
      name,
      median: sorted[sorted.length >> 1],
      min: sorted[0],
      max: sorted[sorted.length - 1],
      requests: requests[i],
    }
  })
  return { base: BASE, rows }
}

/** The BENCHMARKS.md table. */
export function renderFirstFigures(f: FirstFigures): string {
  const lines = [
    '| widget | box in view → figures painted, median (min–max) | API requests per page view |',
    '|---|---:|---:|',
    ...f.rows.map(
      (r) =>
        `| ${r.name} | ${r.median.toFixed(0)} ms (${r.min.toFixed(0)}–${r.max.toFixed(0)}) | ${r.requests} |`,
    ),
  ]
  return lines.join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const measured = await measureFirstFigures()
  console.log(renderFirstFigures(measured))
  process.exit(0)
}
