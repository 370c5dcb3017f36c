import type { RouteConfig } from '@hono/zod-openapi'
import type * as z from 'zod'
import { createApp } from '../../worker/app'

// What the app declares for an operation (worker/api/operation.ts), found by method and path
// as the document writes them: tests parse real answers with the very schemas the document
// is generated from.

const routes = createApp()
  .openAPIRegistry.definitions.filter((d) => d.type === 'route')
  .map((d) => (d as { route: RouteConfig }).route)

export function declared(method: string, path: string): RouteConfig {
  const route = routes.find((r) => r.method === method && r.path === path)
  if (route === undefined) throw new Error(`${method.toUpperCase()} ${path} is not declared`)
  return route
}

type Content = { content?: Record<string, { schema: z.ZodType }> }

/** The schema of an operation's JSON answer with `status` (its success by default). */
export function answerSchema(method: string, path: string, status?: number): z.ZodType {
  const responses = declared(method, path).responses as Record<string, Content>
  const key = status ?? Number(Object.keys(responses).find((s) => Number(s) < 400))
  const schema = responses[String(key)]?.content?.['application/json']?.schema
  if (schema === undefined) throw new Error(`${method} ${path} declares no JSON answer for ${key}`)
  return schema
}

/** The status of an operation's success. */
export function successStatus(method: string, path: string): number {
  return Number(Object.keys(declared(method, path).responses).find((s) => Number(s) < 400))
}
