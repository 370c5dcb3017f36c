import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  embedSnippet,
  isArticlePlaceholder,
  tanggapiUrl,
} from '../../worker/domain/embedding/embed-snippet'

// The snippet in the README and docs/embedding.md is what «Kelola» and the demo page give
// (worker/domain/embedding/embed-snippet.ts), placeholders and all: a webmaster copies it from any of them.

const guides = ['../../README.md', '../../docs/embedding.md']

describe('the embed snippet', () => {
  it.each(guides)('is the one %s shows, with HOST and SITE as placeholders', (guide) => {
    expect(readFileSync(new URL(guide, import.meta.url), 'utf8')).toContain(
      '```html\n' + embedSnippet('https://HOST', 'SITE', 'diskominfo') + '\n```',
    )
  })

  it('links readers without JavaScript to /tanggapi, the article URL-encoded', () => {
    expect(embedSnippet('https://t.id', 'kudus', 'dinkes')).toContain(
      '<noscript>\n<a href="https://t.id/tanggapi?site=kudus&opd=dinkes&article=URL_BERITA">',
    )
    expect(
      tanggapiUrl('https://t.id', 'kudus', 'dinkes', 'https://kuduskab.go.id/b?id=1&x=2'),
    ).toBe(
      'https://t.id/tanggapi?site=kudus&opd=dinkes&article=https%3A%2F%2Fkuduskab.go.id%2Fb%3Fid%3D1%26x%3D2',
    )
  })

  it('stays short: four lines, under 400 characters', () => {
    const snippet = embedSnippet('https://tanggapan.kuduskab.go.id', 'kudus', 'diskominfo')
    expect(snippet.split('\n')).toHaveLength(4)
    expect(snippet.length).toBeLessThan(400)
  })
})

describe('the article placeholder', () => {
  it.each(['URL_BERITA', 'url_berita', '{{ URL_BERITA }}', '%URL-BERITA%', '<url berita>'])(
    'recognises %s left in place',
    (key) => expect(isArticlePlaceholder(key)).toBe(true),
  )

  it.each(['https://kuduskab.go.id/berita/url-berita', 'berita/url_berita/1', 'URL_BERITA_1'])(
    'takes %s as a real article',
    (key) => expect(isArticlePlaceholder(key)).toBe(false),
  )
})
