import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ERROR_STATUS } from '../../worker/errors'

// docs/api.md «Errors» is the integrators' list of what the Worker can answer: a code the Worker
// emits but the table omits (or one the table names that no longer exists) is a broken promise.
function guideErrors(): Map<string, number> {
  const guide = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8')
  const section = guide.split(/^## Errors\b.*$/m)[1]?.split(/^#{1,2} /m)[0] ?? ''
  const rows = [...section.matchAll(/^\| (\d{3}) \| `([a-z_]+)` \|/gm)]
  return new Map(rows.map(([, status, code]) => [code, Number(status)]))
}

describe('the error catalogue and docs/api.md «Errors»', () => {
  const table = guideErrors()

  it('lists every code the Worker emits, with its status', () => {
    const catalogue = Object.entries(ERROR_STATUS)
    expect(catalogue.filter(([code, status]) => table.get(code) !== status)).toEqual([])
  })

  it('names no code the Worker does not emit', () => {
    expect([...table.keys()].filter((code) => !(code in ERROR_STATUS))).toEqual([])
  })
})
