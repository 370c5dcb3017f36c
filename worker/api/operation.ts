import { OpenAPIHono } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import * as z from 'zod'
import { database } from '../db/client'
import type { AppEnv } from '../env'
import { ERROR_STATUS, type ErrorCode } from '../errors'
import { invalidInput, jsonBody } from '../validation/json-body'

// How an operation of /api/v1 is declared once: `createRoute` from @hono/zod-openapi with its
// request schemas, its answer and the error codes it may give (docs/contract.md §10). The app
// validates requests with those schemas, type-checks each handler's answers against them and
// builds /api/v1/openapi.json from them (worker/api/document.ts).

/**
 * A sub-app of the API. Query and path parameters are validated by @hono/zod-openapi, whose
 * failures become our `invalid_request`. A JSON body is read by our own reader
 * (`jsonBody`): it takes text/plain (the widget's POSTs need no preflight), counts the 4 KB
 * cap while the bytes arrive and answers our error codes; zod-openapi's would refuse
 * text/plain and read without a cap. So the body is registered in the document as declared,
 * and left out of the validators zod-openapi would add for it. `middleware` runs before every
 * operation of the sub-app, before any input is read (CORS, a token).
 */
export function apiApp(...middleware: MiddlewareHandler<AppEnv>[]) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      // zod-validator hands the hook the input it read, which its types leave out.
      if (!result.success) throw invalidInput(result.error, (result as { data?: unknown }).data)
    },
  })
  const register = app.openapi
  app.openapi = ((route, handler, hook) => {
    if (route.request?.body === undefined) return register(route, handler, hook)
    const { middleware: _, hide, ...documented } = route
    if (!hide) app.openAPIRegistry.registerPath(documented)
    const { body: __, ...request } = route.request
    return register({ ...route, request, hide: true }, handler, hook)
  }) as typeof register
  app.use(async (c, next) => {
    if (c.var.db === undefined) c.set('db', database(c.env.DB))
    await next()
  })
  for (const handler of middleware) app.use(handler)
  return app
}

export type Access = 'public' | 'token' | 'admin'

/** Who may call: the document's `security` (and `x-role` for the admin-only operations). */
export function access(who: Access) {
  if (who === 'public') return { security: [] }
  return who === 'admin'
    ? { security: [{ bearer: [] }], 'x-role': 'admin' }
    : { security: [{ bearer: [] }] }
}

/**
 * A JSON body: declared for the document, read and validated by `jsonBody` (the handler gets
 * it as `c.var.body`). Spread it into `createRoute`. `before` runs first (a role check), so a
 * refused request reads nothing; it adds nothing to what the handler sees.
 */
export function jsonRequest<S extends z.ZodType>(
  schema: S,
  ...before: MiddlewareHandler<AppEnv>[]
) {
  const content = { schema }
  return {
    request: {
      body: { required: true, content: { 'application/json': content, 'text/plain': content } },
    },
    middleware: [...before, jsonBody(schema)] as [
      MiddlewareHandler<{ Variables: { body: z.output<S> } }>,
    ],
  }
}

/** The success answer: JSON of `schema`. */
export function ok<S extends z.ZodType>(schema: S, description = 'Success') {
  return { description, content: { 'application/json': { schema } } }
}

export const DOWNLOAD_NOTE =
  'With `format=csv`, the same rows as an RFC 4180 download (text/csv; `headers=id` and ' +
  '`separator=semicolon` for a spreadsheet in Indonesian); with `format=xlsx`, as a workbook ' +
  'of one sheet with a title row and Indonesian headers.'

/**
 * The success answer of an operation that also downloads as CSV or XLSX (`format=csv|xlsx`).
 * The downloads are in the document but left out of the handler's type: declared there, they
 * would let any Response pass as the answer and the JSON would go unchecked. The handler's
 * download branch returns a `DownloadAnswer` (worker/api/stats/download.ts), typed as the JSON
 * answer it stands in for.
 */
export function okOrDownload<S extends z.ZodType>(schema: S) {
  const answer = {
    description: `Success. ${DOWNLOAD_NOTE}`,
    content: {
      'application/json': { schema },
      'text/csv': { schema: z.string() },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: z.string().meta({ format: 'binary' }),
      },
    },
  }
  return answer as { description: string; content: { 'application/json': { schema: S } } }
}

export const noContent = { description: 'Done; no body' } as const

const errorShape = (codes: [ErrorCode, ...ErrorCode[]]) =>
  z.strictObject({ error: z.strictObject({ code: z.enum(codes), message: z.string() }) })

type ErrorResponse = {
  description: string
  content: { 'application/json': { schema: ReturnType<typeof errorShape> } }
}
type StatusOf<C extends ErrorCode> = (typeof ERROR_STATUS)[C | 'internal_error']

/**
 * The error answers of an operation, by status, each listing its codes (every operation may
 * also fail with 500 `internal_error`). The status of a code is the catalogue's (errors.ts).
 * Handlers throw these (ApiError) rather than return them; their statuses are typed exactly
 * so that a handler cannot answer a success with an error's status either.
 */
export function errors<const C extends readonly ErrorCode[]>(
  ...codes: C
): Record<StatusOf<C[number]>, ErrorResponse> {
  const byStatus = new Map<number, ErrorCode[]>()
  for (const code of [...codes, 'internal_error' as const]) {
    const list = byStatus.get(ERROR_STATUS[code]) ?? []
    if (!list.includes(code)) list.push(code)
    byStatus.set(ERROR_STATUS[code], list)
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        description: list.map((code) => `\`${code}\``).join(', '),
        content: {
          'application/json': { schema: errorShape(list as [ErrorCode, ...ErrorCode[]]) },
        },
      },
    ]),
  ) as Record<StatusOf<C[number]>, ErrorResponse>
}

/** The error codes a JSON body may cause. */
export const BODY = [
  'invalid_json',
  'invalid_request',
  'payload_too_large',
  'unsupported_media_type',
] as const satisfies readonly ErrorCode[]
/** The widget's endpoints: the site comes from the Origin, or is named. */
export const WIDGET = [
  'origin_not_allowed',
  'site_required',
  'unknown_site',
  'rate_limited',
] as const satisfies readonly ErrorCode[]
export const RESTRICTED = ['unauthorized', 'rate_limited'] as const satisfies readonly ErrorCode[]
export const ADMIN = [...RESTRICTED, 'forbidden'] as const satisfies readonly ErrorCode[]
