import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'
import { openApiDocument } from '../../worker/api/document'
import { createApp } from '../../worker/app'
import { ERROR_STATUS } from '../../worker/errors'

// The document (docs/contract.md §10), generated from the operations the app declares, is valid
// OpenAPI 3.1 and describes exactly what the app serves.
// The validator compiles its schemas with ajv's code generation, which workerd refuses: so
// this runs in Node, on the same createApp() the Worker serves.

const app = createApp()
const doc = openApiDocument(app) as unknown as {
  paths: Record<string, Record<string, OperationShape>>
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> }
}

/** `/a/:b` → `/a/{b}`; `:file{[^/]+\.csv}` (a parameter with its pattern) is `{file}`. */
function openApiPath(honoPath: string): string {
  return honoPath.replace(/:([A-Za-z_]\w*)(\{[^}]*\})?/g, '{$1}')
}

/** `GET /api/v1/summary` for every handler the app serves under /api/v1 (not middleware). */
function servedOperations(): string[] {
  const served = app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
    .map((r) => `${r.method} ${openApiPath(r.path)}`)
  return [...new Set(served)].sort()
}

function documentedOperations(): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    .sort()
}

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator()
    const result = await validator.validate(
      structuredClone(doc) as Parameters<Validator['validate']>[0],
    )
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('documents every /api/v1 route the app serves, and no route it does not', () => {
    const documented = new Set(documentedOperations())
    const served = servedOperations()
    const undocumented = served.filter((op) => !documented.has(op))
    expect(undocumented, 'routes served without a declared operation').toEqual([])
    const gone = documentedOperations().filter((op) => !served.includes(op))
    expect(gone, 'operations declared but not served').toEqual([])
    expect(served.length).toBeGreaterThan(25)
  })

  it('lists for every operation its errors in the contract’s shape, codes under their status', () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods) as [string, OperationShape][]) {
        const where = `${method.toUpperCase()} ${path}`
        expect(op.responses['500'], where).toBeDefined()
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) < 400) continue
          const codes =
            response.content['application/json'].schema.properties.error.properties.code.enum
          expect(codes.length, where).toBeGreaterThan(0)
          for (const code of codes) {
            expect(ERROR_STATUS[code as keyof typeof ERROR_STATUS], `${where} ${code}`).toBe(
              Number(status),
            )
          }
        }
      }
    }
  })

  it('names the bearer scheme, and asks it of the restricted endpoints only', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' })
    const security = (path: string, method: string) => doc.paths[path][method].security
    expect(security('/api/v1/responses', 'post')).toEqual([])
    expect(security('/api/v1/public/publications/{id}', 'get')).toEqual([])
    expect(security('/api/v1/stats/opds', 'get')).toEqual([{ bearer: [] }])
    expect(security('/api/v1/admin/sites/{site}', 'patch')).toEqual([{ bearer: [] }])
  })

  it('describes requests with the routes’ own validating schemas', () => {
    const body = doc.components.schemas.PostResponsesBody as {
      required: string[]
      properties: Record<string, { minimum?: number; maximum?: number; format?: string }>
    }
    expect(body.required).toEqual(['opd', 'article', 'rating', 'reader'])
    expect(body.properties.rating).toMatchObject({ type: 'integer', minimum: 1, maximum: 4 })
    expect(body.properties.reader.format).toBe('uuid')
    const params = doc.paths['/api/v1/stats/articles'].get.parameters
    expect(params.map((p) => p.name)).toEqual(
      expect.arrayContaining(['site', 'opd', 'from', 'to', 'period', 'format', 'sort', 'limit']),
    )
  })
})

interface OperationShape {
  security: unknown[]
  parameters: { name: string }[]
  responses: Record<
    string,
    {
      content: Record<
        string,
        {
          schema: { properties: { error: { properties: { code: { enum: string[] } } } } }
        }
      >
    }
  >
}
