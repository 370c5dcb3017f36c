import { createRoute, z } from '@hono/zod-openapi'
import { cors } from 'hono/cors'
import { etag } from 'hono/etag'
import { PROVINCES, regenciesOf } from '../../domain/regions/regions'
import { access, apiApp, errors, ok } from '../operation'

const Regions = z
  .strictObject({
    regions: z.array(
      z.strictObject({
        code: z.string().describe('Kemendagri code: `35` a province, `35.22` a kabupaten/kota'),
        name: z.string(),
        province: z.string().describe('Two-digit province code: the code itself for a province'),
      }),
    ),
  })
  .openapi('Regions')

const route = createRoute({
  method: 'get',
  path: '/',
  tags: ['Integration'],
  summary: 'The official list of provinces and kabupaten/kota: codes and names',
  description:
    'No token; CORS `*`; the same for everyone until the list is regenerated (docs/contract.md §7). Each province is followed by its kabupaten/kota. Cacheable for a week, with an ETag.',
  ...access('public'),
  responses: { 200: ok(Regions), ...errors('rate_limited') },
})

/** Each province, then its kabupaten/kota: the order a picker shows them in. */
const REGIONS = PROVINCES.flatMap((p) => [p, ...regenciesOf(p.code)])

/**
 * The region codes a site may be registered under (docs/contract.md §7), for the dashboard's
 * region picker, which reads them only when opened rather than carrying them in every page's
 * script, and for anyone integrating. The list changes only with a deployment: a week's cache,
 * and an ETag so a revalidation costs a 304.
 */
export const regionsRoute = apiApp(cors({ origin: '*', allowMethods: ['GET'] }), etag()).openapi(
  route,
  (c) => {
    c.header('Cache-Control', 'public, max-age=604800')
    return c.json({ regions: REGIONS }, 200)
  },
)
