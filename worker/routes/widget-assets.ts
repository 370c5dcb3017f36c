import { etag } from 'hono/etag'
import { apiError } from '../errors'
import {
  WIDGET_CHUNK,
  WIDGET_CHUNK_NAME,
  WIDGET_COMMENT,
  WIDGET_COMMENT_NAME,
  WIDGET_LOADER,
} from '../generated/widget-assets'
import { factory } from '../env'

// The widget's two files (built by scripts/build-widget.ts). `/widget.js` is what pages embed
// by a fixed URL, so it is cached briefly and revalidated by ETag; the chunk's name carries
// its content hash, so it is cached for a year. The chunk is a module imported from other
// origins: it needs CORS, and CORP lets pages with COEP load it too.

const JS = 'text/javascript; charset=utf-8'
const CHUNK_NAME = /^app-[0-9a-f]{12}\.js$/
const COMMENT_NAME = /^comment-[0-9a-f]{8}\.js$/
const IMMUTABLE_MODULE = {
  'Content-Type': JS,
  'Cache-Control': 'public, max-age=31536000, immutable',
  'Access-Control-Allow-Origin': '*',
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'X-Content-Type-Options': 'nosniff',
}

export const widgetAssetsRoute = factory
  .createApp()
  .get('/widget.js', etag(), (c) =>
    c.body(WIDGET_LOADER, 200, {
      'Content-Type': JS,
      'Cache-Control': 'public, max-age=300, stale-while-revalidate=86400',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'X-Content-Type-Options': 'nosniff',
    }),
  )
  .get('/widget/:file', (c) => {
    const file = c.req.param('file')
    if (file === WIDGET_CHUNK_NAME) return c.body(WIDGET_CHUNK, 200, IMMUTABLE_MODULE)
    // The comment box (widget/comment/), imported by the chunk only when it is shown.
    if (file === WIDGET_COMMENT_NAME) return c.body(WIDGET_COMMENT, 200, IMMUTABLE_MODULE)
    // A loader cached from before a deploy asks for the chunk it was built with: send it on
    // to the current one (same mount interface) rather than leave its readers without a widget.
    if (CHUNK_NAME.test(file)) {
      c.header('Access-Control-Allow-Origin', '*')
      c.header('Cache-Control', 'no-store')
      return c.redirect(`/widget/${WIDGET_CHUNK_NAME}`, 302)
    }
    if (COMMENT_NAME.test(file)) {
      c.header('Access-Control-Allow-Origin', '*')
      c.header('Cache-Control', 'no-store')
      return c.redirect(`/widget/${WIDGET_COMMENT_NAME}`, 302)
    }
    throw apiError('not_found', `No widget file ${file}`)
  })
