import { createRoute } from '@hono/zod-openapi'
import { cors } from 'hono/cors'
import * as z from 'zod'
import { access, apiApp, errors, ok } from '../api/operation'
import type { OpenApiDocument } from '../api/document'
import { strictCsp } from '../dashboard-csp'
import { factory } from '../env'
import { API_DOCS_CSS, apiDocsPage } from '../pages/api-docs'

// The API's own description (docs/contract.md §10): the OpenAPI document, public and readable from
// any page or tool (CORS `*`: it holds nothing that is not in docs/), and its reference
// page for people under the strict CSP of our other pages, with no script at all.

const documentRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Integration'],
  summary: 'This document',
  description: 'A readable reference of it is at /api/docs.',
  ...access('public'),
  responses: { 200: ok(z.looseObject({}).describe('OpenAPI 3.1')), ...errors() },
})

/** `document` builds the app's document on first use: it needs the whole app mounted. */
export function openApiRoute(document: () => OpenApiDocument) {
  return apiApp(cors({ origin: '*', allowMethods: ['GET'] })).openapi(documentRoute, (c) => {
    c.header('Cache-Control', 'public, max-age=300')
    return c.json(document() as unknown as Record<string, unknown>, 200)
  })
}

const CSP = strictCsp({ 'script-src': "'none'", 'connect-src': "'none'", 'img-src': 'data:' })

export function apiDocsRoute(document: () => OpenApiDocument) {
  let page: string | undefined
  return factory
    .createApp()
    .get('/', async (c) => {
      page ??= String(await apiDocsPage(document()))
      c.header('Content-Security-Policy', CSP)
      c.header('X-Content-Type-Options', 'nosniff')
      c.header('Referrer-Policy', 'no-referrer')
      c.header('Cache-Control', 'public, max-age=300')
      return c.html(page)
    })
    .get('/style.css', (c) =>
      c.body(API_DOCS_CSS, 200, {
        'Content-Type': 'text/css; charset=utf-8',
        'Cache-Control': 'public, max-age=300',
        'X-Content-Type-Options': 'nosniff',
      }),
    )
}
