import { strictCsp } from '../dashboard-csp'
import { demoArticlePage } from '../pages/demo-article'
import { DEMO_CSS, DEMO_FAVICON } from '../pages/demo-style'
import { factory } from '../env'

// The demo news page (docs/contract.md §6) under the strict CSP a careful webmaster would set: no
// inline script or style anywhere, and the widget still works.

const CSP = strictCsp()

export const demoRoute = factory
  .createApp()
  .get('/', async (c) => {
    c.header('Content-Security-Policy', CSP)
    c.header('Cache-Control', 'no-cache')
    return c.html(demoArticlePage(new URL(c.req.url).origin))
  })
  .get('/favicon.svg', (c) =>
    c.body(DEMO_FAVICON, 200, {
      'Content-Type': 'image/svg+xml',
      'Cache-Control': 'public, max-age=86400',
    }),
  )
  .get('/style.css', (c) =>
    c.body(DEMO_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
    }),
  )
