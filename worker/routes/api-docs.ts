import { cors } from 'hono/cors'
import { strictCsp } from '../dashboard-csp'
import { factory } from '../env'
import { openApiDocument } from '../openapi'
import { API_DOCS_CSS, apiDocsPage } from '../pages/api-docs'

// The API's own description (docs/contract.md §10): the OpenAPI document, public and readable from
// any page or tool (CORS `*`: it holds nothing that is not in docs/), and its reference
// page for people under the strict CSP of our other pages, with no script at all.

export const openApiRoute = factory
  .createApp()
  .use(cors({ origin: '*', allowMethods: ['GET'] }))
  .get('/', (c) => {
    c.header('Cache-Control', 'public, max-age=300')
    return c.json(openApiDocument())
  })

const CSP = strictCsp({ 'script-src': "'none'", 'connect-src': "'none'", 'img-src': 'data:' })
let page: string | undefined

export const apiDocsRoute = factory
  .createApp()
  .get('/', async (c) => {
    page ??= String(await apiDocsPage(openApiDocument()))
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
