import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ERROR_STATUS } from '../../worker/errors'

// README «Errors» is the integrators' list of what the Worker can answer: a code the Worker
// emits but the table omits (or one the table names that no longer exists) is a broken promise.
function readmeErrors(): Map<string, number> {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const section = readme.split(/^### Errors$/m)[1]?.split(/^#{2,3} /m)[0] ?? ''
  const rows = [...section.matchAll(/^\| (\d{3}) \| `([a-z_]+)` \|/gm)]
  return new Map(rows.map(([, status, code]) => [code, Number(status)]))
}

describe('the error catalogue and README «Errors»', () => {
  const table = readmeErrors()

  it('lists every code the Worker emits, with its status', () => {
    const catalogue = Object.entries(ERROR_STATUS)
    expect(catalogue.filter(([code, status]) => table.get(code) !== status)).toEqual([])
  })

  it('names no code the Worker does not emit', () => {
    expect([...table.keys()].filter((code) => !(code in ERROR_STATUS))).toEqual([])
  })
})
