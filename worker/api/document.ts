import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../env'

// The OpenAPI 3.1 document of /api/v1 (docs/contract.md §10), generated from the operations the
// app declares (worker/api/operation.ts): nothing here lists them.

const INFO = {
  title: 'Tanggapan API',
  version: '1',
  summary: '«Bagaimana Tanggapan Anda?» — satisfaction of readers of pemda news sites',
  description:
    'Every error is `{"error": {"code", "message"}}` with a 4xx/5xx status; bad input ' +
    'never changes any count. The widget’s endpoints answer CORS for registered origins ' +
    'only. Restricted endpoints take `Authorization: Bearer <token>`: 401 without one, ' +
    '403 out of the token’s scope. Each operation lists the codes it may answer with.',
}

/** The tags operations are filed under, in the order the reference shows them. */
const TAGS = [
  { name: 'Widget', description: 'Public: called by widget.js from registered origins' },
  { name: 'Statistics', description: 'Restricted: per site, region, OPD, article and day' },
  {
    name: 'SKM',
    description:
      'The official nine-element survey (docs/contract.md §14), apart from the indicative index',
  },
  { name: 'Management', description: 'Restricted, mostly the admin role' },
  { name: 'Publications', description: 'Frozen period figures (docs/contract.md §8)' },
  { name: 'Webhooks', description: 'Restricted: signed event deliveries (docs/contract.md §9)' },
  { name: 'Integration', description: 'This reference, and what integrators share' },
] as const

const BEARER = {
  type: 'http',
  scheme: 'bearer',
  description:
    'A token made by an admin (`tgp_…`); its role (admin, kominfo, opd, provinsi) ' +
    'and site, OPD or province decide what it reads and changes.',
} as const

type Generated = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>
/** The document; it always has paths, which the generator's type leaves optional. */
export type OpenApiDocument = Generated & { paths: NonNullable<Generated['paths']> }

function build(app: OpenAPIHono<AppEnv>): OpenApiDocument {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', BEARER)
  const doc = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: INFO,
    servers: [{ url: '/' }],
    tags: [...TAGS],
  })
  // Stable anchors for the reference page and for generated clients: `get /stats/opds` is
  // `getStatsOpds`, `/sites/{site}` gives `BySite`.
  const paths = doc.paths ?? {}
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(
      methods as Record<string, { operationId?: string }>,
    )) {
      op.operationId ??= operationId(method, path)
    }
  }
  return { ...doc, paths }
}

function operationId(method: string, path: string): string {
  const words = path
    .replace('/api/v1/', '')
    .split(/[/.-]/)
    .map((w) => (w.startsWith('{') ? `by_${w.slice(1, -1)}` : w))
  return [method, ...words].join('_').replace(/_(\w)/g, (_, c: string) => c.toUpperCase())
}

const built = new WeakMap<object, OpenApiDocument>()

/** The document of an app, built once per isolate (it depends on nothing but the code). */
export function openApiDocument(app: OpenAPIHono<AppEnv>): OpenApiDocument {
  let doc = built.get(app)
  if (doc === undefined) {
    doc = build(app)
    built.set(app, doc)
  }
  return doc
}
