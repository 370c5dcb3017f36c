import { cors } from 'hono/cors'
import { OPD_CATEGORIES } from '../domain/regions/opd-categories'
import { factory } from '../env'

/**
 * The national list of OPD categories (docs/contract.md §13): public and the same for everyone, so
 * any page may read it (CORS `*`, as the public publications) and caches may keep it a day.
 */
export const categoriesRoute = factory
  .createApp()
  .use(cors({ origin: '*', allowMethods: ['GET'] }))
  .get('/', (c) => {
    c.header('Cache-Control', 'public, max-age=86400')
    return c.json({ categories: OPD_CATEGORIES })
  })
