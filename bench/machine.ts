import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism, cpus, loadavg, totalmem, type as osType, release } from 'node:os'

export interface Machine {
  cpu: string
  cores: number
  memoryGiB: number
  os: string
  node: string
  /** The workerd that wrangler dev runs (wrangler's own, not any other copy in node_modules). */
  workerd: string
  wrangler: string
  date: string
  /** 1-minute load average before the run: above the core count, other work shared the CPU. */
  loadBefore: number
}

function versionOf(pkg: string, from: NodeRequire): string {
  return (
    JSON.parse(readFileSync(from.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }
  ).version
}

export function describeMachine(): Machine {
  const root = createRequire(import.meta.url)
  const wrangler = createRequire(root.resolve('wrangler/package.json'))
  const miniflare = createRequire(wrangler.resolve('miniflare'))
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    workerd: versionOf('workerd', miniflare),
    wrangler: versionOf('wrangler', root),
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    loadBefore: loadavg()[0],
  }
}
