import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// The house's rule (ARCHITECTURE.md): a Worker file that grows past 400 lines holds more
// than one concern and is split by concern. The drizzle schema (one table definition per
// table) and generated code are the exceptions.

const LIMIT = 400
const EXCEPT = new Set(['worker/db/schema.ts', 'worker/worker-configuration.d.ts'])

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return path === 'worker/generated' ? [] : sources(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

describe('the Worker’s rooms', () => {
  it(`keep every file within ${LIMIT} lines`, () => {
    const long = sources('worker')
      .filter((path) => !EXCEPT.has(path))
      .map((path) => ({ path, lines: readFileSync(path, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > LIMIT)
    expect(long).toEqual([])
  })
})
