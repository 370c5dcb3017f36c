import { createMiddleware } from 'hono/factory'
import type { AuthVars } from './bearer'
import { requireAdmin } from './scope'

/** 403 for any token but an admin's, before a body is even read. */
export const adminOnly = createMiddleware<{ Variables: AuthVars }>(async (c, next) => {
  requireAdmin(c.var.token)
  await next()
})
