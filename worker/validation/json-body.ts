import type { Context, MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import { apiError } from '../errors'

export const MAX_BODY_BYTES = 4 * 1024

// `text/plain` is accepted so the widget's POSTs are "simple" requests with no preflight.
const JSON_TYPES = /^(application\/json|text\/plain)\s*(;|$)/i

async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('Content-Type') ?? ''
  if (!JSON_TYPES.test(type)) {
    throw apiError('unsupported_media_type', 'Send the body as application/json or text/plain')
  }
  const text = await readText(c, MAX_BODY_BYTES, 'invalid_json')
  try {
    return JSON.parse(text)
  } catch {
    throw apiError('invalid_json', 'The body is not valid JSON')
  }
}

async function readText(
  c: Context,
  limit: number,
  badText: 'invalid_json' | 'invalid_request',
): Promise<string> {
  const declared = Number(c.req.header('Content-Length') ?? 0)
  if (declared > limit) throw tooLarge(limit)
  const bytes = await readAtMost(c.req.raw.body, limit)
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw apiError(badText, 'The body is not valid UTF-8')
  }
}

// Percent-encoding makes a form's article URL up to three times longer than in JSON; twice
// the JSON cap keeps every article a reader can meet (the longest URLs are rare), still small.
const MAX_FORM_BYTES = 2 * MAX_BODY_BYTES
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i

/**
 * An HTML form's fields (the no-script page's POST, routes/tanggapi.ts), read within a cap as
 * a JSON body is; `get` gives a field sent twice by its first value.
 */
export async function formFields(c: Context): Promise<URLSearchParams> {
  if (!FORM_TYPE.test(c.req.header('Content-Type') ?? '')) {
    throw apiError('unsupported_media_type', 'Send the form as application/x-www-form-urlencoded')
  }
  return new URLSearchParams(await readText(c, MAX_FORM_BYTES, 'invalid_request'))
}

/**
 * The body's bytes, counted while they arrive: a chunked body without Content-Length (or
 * one that lies about it) is cut off at the limit instead of being buffered whole.
 */
async function readAtMost(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Uint8Array> {
  if (body === null) return new Uint8Array(0)
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      await reader.cancel()
      throw tooLarge(limit)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return bytes
}

function tooLarge(limit: number) {
  return apiError('payload_too_large', `The body is larger than ${limit} bytes`)
}

/** Reads, size-checks and validates a JSON body; the handler gets it typed as `c.var.body`. */
export function jsonBody<S extends z.ZodType>(
  schema: S,
): MiddlewareHandler<{ Variables: { body: z.output<S> } }> {
  return async (c, next) => {
    const raw = await readJson(c)
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw apiError('invalid_request', 'The body must be a JSON object')
    }
    c.set('body', parseOrThrow(schema, raw))
    await next()
  }
}

/** Validates `input` against `schema`, or throws a 400 that names the first bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  throw invalidInput(result.error, input)
}

/**
 * The 400 for input a schema refused, naming the first bad field. «x is required» only when
 * the field is absent from `input`: zod says «expected number» alike for a missing rating and
 * for a rating of "2.5", and a reader of the message must tell the two apart.
 */
export function invalidInput(error: z.ZodError, input: unknown) {
  const issue = error.issues[0]
  const field = issue.path.join('.')
  const message =
    issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined
      ? `${field} is required`
      : issue.message
  return apiError(
    'invalid_request',
    field && !message.startsWith(field) ? `${field}: ${message}` : message,
  )
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}
