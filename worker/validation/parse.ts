import type { z } from 'zod'
import { apiError } from '../errors'

/** Validates `input` against `schema`, or throws a 400 that names the first bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const field = issue.path.join('.')
  const message = issue.code === 'invalid_type' && issue.input === undefined
    ? `${field} is required`
    : issue.message
  throw apiError('invalid_request', field && !message.startsWith(field) ? `${field}: ${message}` : message)
}
