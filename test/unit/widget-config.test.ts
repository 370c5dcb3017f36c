import { describe, expect, it } from 'vitest'
import { readArticle, readOptions, type PageInfo } from '../../widget/widget-config'

// What a container asks for, with the page's defaults (docs/contract.md §4).

function page(parts: { canonical?: string; ogTitle?: string; title?: string } = {}): PageInfo {
  return {
    querySelector: (selector) =>
      selector.startsWith('link') && parts.canonical
        ? { href: parts.canonical }
        : selector.startsWith('meta') && parts.ogTitle
          ? { content: parts.ogTitle }
          : null,
    title: parts.title ?? 'Judul Dokumen',
    location: { origin: 'https://kudus.go.id', pathname: '/berita/123' },
  }
}

describe('readArticle and readOptions', () => {
  it('takes every attribute the webmaster wrote', () => {
    const data = {
      opd: 'rsud-sosodoro',
      article: ' https://x.go.id/a ',
      title: 'Judul',
      lang: 'en',
      results: 'after',
    }
    expect(readArticle(data, page({ canonical: 'https://x.go.id/c', ogTitle: 'OG' }))).toEqual({
      opd: 'rsud-sosodoro',
      article: 'https://x.go.id/a',
      title: 'Judul',
    })
    expect(readOptions(data)).toEqual({ lang: 'en', resultsAfter: true })
  })

  it('falls back to the canonical link and og:title, then to the address and document title', () => {
    expect(
      readArticle(
        { opd: 'diskominfo' },
        page({ canonical: 'https://kudus.go.id/berita/kanonik', ogTitle: 'Judul OG' }),
      ),
    ).toMatchObject({ article: 'https://kudus.go.id/berita/kanonik', title: 'Judul OG' })
    expect(readArticle({ opd: 'diskominfo' }, page())).toMatchObject({
      article: 'https://kudus.go.id/berita/123',
      title: 'Judul Dokumen',
    })
  })

  it('is Indonesian with results shown unless told otherwise', () => {
    expect(readOptions({ opd: 'diskominfo', lang: 'fr', results: 'sometimes' })).toEqual({
      lang: 'id',
      resultsAfter: false,
    })
  })

  it('refuses a container without data-opd', () => {
    expect(readArticle({}, page())).toBeNull()
    expect(readArticle({ opd: '  ' }, page())).toBeNull()
  })
})
