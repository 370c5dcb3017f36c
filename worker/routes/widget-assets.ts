import { etag } from 'hono/etag'
import { apiError } from '../errors'
import {
  SURVEY,
  SURVEY_EMBED,
  SURVEY_EMBED_NAME,
  SURVEY_NAME,
  SURVEY_STYLE,
  SURVEY_STYLE_NAME,
  WIDGET_CHUNK,
  WIDGET_CHUNK_NAME,
  WIDGET_COMMENT,
  WIDGET_COMMENT_NAME,
  WIDGET_COUNT,
  WIDGET_COUNT_NAME,
  WIDGET_LOADER,
} from '../generated/widget-assets'
import { factory } from '../env'

// The widget's files (built by scripts/build-widget.ts). `/widget.js` is what pages embed
// by a fixed URL, so it is cached briefly and revalidated by ETag; the chunk's name carries
// its content hash, so it is cached for a year. The chunk is a module imported from other
// origins: it needs CORS, and CORP lets pages with COEP load it too.

const JS = 'text/javascript; charset=utf-8'
// The chunk; the comment box, imported by the chunk only when it is shown; the listing
// pages' count, imported by the loader only where a page has count elements; the SKM survey
// page's script and stylesheet. A fourth field is a content type other than JavaScript's.
const VERSIONED: [RegExp, string, string, string?][] = [
  [/^app-[0-9a-f]{12}\.js$/, WIDGET_CHUNK_NAME, WIDGET_CHUNK],
  [/^comment-[0-9a-f]{8}\.js$/, WIDGET_COMMENT_NAME, WIDGET_COMMENT],
  [/^count-[0-9a-f]{8}\.js$/, WIDGET_COUNT_NAME, WIDGET_COUNT],
  [/^skm-[0-9a-f]{8}\.js$/, SURVEY_NAME, SURVEY],
  [/^skm-[0-9a-f]{8}\.css$/, SURVEY_STYLE_NAME, SURVEY_STYLE, 'text/css; charset=utf-8'],
  [/^embed-[0-9a-f]{8}\.js$/, SURVEY_EMBED_NAME, SURVEY_EMBED],
]
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
    for (const [pattern, name, code, type = JS] of VERSIONED) {
      if (file === name) return c.body(code, 200, { ...IMMUTABLE_MODULE, 'Content-Type': type })
      // A loader cached from before a deploy asks for the file it was built with: send it on
      // to the current one (same interface) rather than leave its readers without a widget.
      if (pattern.test(file)) {
        c.header('Access-Control-Allow-Origin', '*')
        c.header('Cache-Control', 'no-store')
        return c.redirect(`/widget/${name}`, 302)
      }
    }
    throw apiError('not_found', `No widget file ${file}`)
  })
