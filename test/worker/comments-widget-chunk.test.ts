import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  WIDGET_CHUNK,
  WIDGET_CHUNK_NAME,
  WIDGET_COMMENT_NAME,
} from '../../worker/generated/widget-assets'
import { BASE, call } from './client'

// The comment box's chunk (widget/comment/): served like the widget's own chunk, and named by
// that chunk, which imports it relative to itself only when the box is shown.

describe('GET /widget/<comment chunk>', () => {
  it('is named in the widget’s chunk and served for a year to module imports from any origin', async () => {
    expect(WIDGET_CHUNK).toContain(`"./${WIDGET_COMMENT_NAME}"`)
    expect(WIDGET_COMMENT_NAME).not.toBe(WIDGET_CHUNK_NAME)
    const res = await call('GET', `/widget/${WIDGET_COMMENT_NAME}`, null, {
      origin: 'https://kudus.go.id',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const code = await res.text()
    expect(code).toContain('export')
    // Text from readers goes into the page as text, never as markup.
    expect(code).not.toMatch(/innerHTML|insertAdjacentHTML|eval\(|new Function\(/)
  })

  it('sends a chunk cached from an older deploy on to the current comment chunk', async () => {
    const res = await exports.default.fetch(
      new Request(`${BASE}/widget/comment-00000000.js`, { redirect: 'manual' }),
    )
    expect(res.status).toBe(302)
    expect(res.headers.get('Location')).toBe(`/widget/${WIDGET_COMMENT_NAME}`)
  })
})
