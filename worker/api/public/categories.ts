import { createRoute, z } from '@hono/zod-openapi'
import { cors } from 'hono/cors'
import { OPD_CATEGORIES } from '../../domain/regions/opd-categories'
import { access, apiApp, errors, ok } from '../operation'
import { category } from '../schemas'

const Categories = z
  .strictObject({ categories: z.array(z.strictObject({ key: category, label: z.string() })) })
  .openapi('Categories')

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['Integration'],
  summary: 'The national list of OPD categories: keys and Indonesian labels',
  description: 'No token; CORS `*`; the same for everyone (docs/contract.md §13).',
  ...access('public'),
  responses: { 200: ok(Categories), ...errors('rate_limited') },
})

/**
 * The national list of OPD categories (docs/contract.md §13): public and the same for everyone, so
 * any page may read it (CORS `*`, as the public publications) and caches may keep it a day.
 */
export const categoriesRoute = apiApp(cors({ origin: '*', allowMethods: ['GET'] })).openapi(
  route,
  (c) => {
    c.header('Cache-Control', 'public, max-age=86400')
    return c.json({ categories: [...OPD_CATEGORIES] }, 200)
  },
)
