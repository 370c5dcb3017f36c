import { createRoute, z } from '@hono/zod-openapi'
import { cors } from 'hono/cors'
import { apiError } from '../../errors'
import { listPublications, publicationText } from '../../storage/publications'
import { skmPublicationText } from '../../storage/skm-publications'
import { requireSiteAndOpd } from '../known-site'
import { siteId } from '../../validation/fields'
import { access, apiApp, errors, ok } from '../operation'
import { ANSWERS, publicationHead } from '../schemas'
import { skmPublication } from '../skm/publication-answer'

// Publications (docs/contract.md §8; docs/publications.md): publishing is restricted
// (worker/api/admin/publications.ts), reading is public.

const Publications = z
  .strictObject({ site: z.string(), rows: z.array(z.strictObject(publicationHead)) })
  .openapi('Publications')

const list = createRoute({
  method: 'get',
  path: '/',
  tags: ['Publications'],
  summary: 'A site’s publications',
  description: 'No token; CORS `*`.',
  ...access('public'),
  request: { query: z.strictObject({ site: siteId }) },
  responses: {
    200: ok(Publications),
    ...errors('invalid_request', 'unknown_site', 'rate_limited'),
  },
})

const one = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['Publications'],
  summary: 'One publication, as frozen',
  description: 'No token; CORS `*`; cached for good (it never changes).',
  ...access('public'),
  request: { params: z.object({ id: z.string().regex(/^(pub|skm)_[0-9a-f]{16}$/) }) },
  responses: {
    200: ok(z.union([ANSWERS.Publication, skmPublication])),
    ...errors('unknown_publication', 'rate_limited'),
  },
})

const unknown = (id: string) => apiError('unknown_publication', `No publication has the id ${id}`)

/**
 * `GET /api/v1/public/publications?site=` and `…/{id}`: no token, readable from any page
 * (CORS `*`). A publication never changes, so its text may be cached for good.
 */
export const publicPublicationsRoute = apiApp(cors({ origin: '*', allowMethods: ['GET'] }))
  .openapi(list, async (c) => {
    const { site } = c.req.valid('query')
    const db = c.var.db
    await requireSiteAndOpd(db, site, undefined)
    c.header('Cache-Control', 'public, max-age=60')
    return c.json({ site, rows: await listPublications(db, site) }, 200)
  })
  .openapi(
    one,
    async (c) => {
      const { id } = c.req.valid('param')
      // SKM publications (`skm_…`, docs/contract.md §14) are kept apart from the news box's.
      const text = id.startsWith('skm_')
        ? await skmPublicationText(c.var.db, id)
        : await publicationText(c.var.db, id)
      if (text === null) throw unknown(id)
      // The text as frozen, never serialized again: readers check it against its sha256.
      return c.body(text, 200, {
        'Content-Type': 'application/json; charset=UTF-8',
        'Cache-Control': 'public, max-age=31536000, immutable',
      }) as never
    },
    // An id that cannot be one names no publication.
    (result, c) => {
      if (result.success) return undefined
      throw unknown(c.req.param('id'))
    },
  )
