import { requireAdmin } from './scope'
import { factory } from '../env'

/** 403 for any token but an admin's, before a body is even read. */
export const adminOnly = factory.createMiddleware(async (c, next) => {
  requireAdmin(c.var.token)
  await next()
})
