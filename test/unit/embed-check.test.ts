import { describe, expect, it } from 'vitest'
import { embedFindings, type PageScan } from '../../worker/domain/embedding/embed-check'

// What check-embed reports from a page's scan (docs/embedding.md «Checking an embed»): the snippet, the
// article key the widget would use, and the title as text.

const WORKER = 'https://tanggapan.kuduskab.go.id'
const PAGE = 'https://dinkes.kuduskab.go.id/berita/1?utm_source=wa#atas'
const scan = (parts: Partial<PageScan>): PageScan => ({
  scripts: [],
  containers: [],
  canonical: null,
  ogTitle: null,
  title: '',
  metaPolicies: [],
  ...parts,
})
const findings = (parts: Partial<PageScan>) => embedFindings(scan(parts), PAGE, WORKER, [])

describe('an embed check', () => {
  it('finds the snippet: this host’s widget.js and a container with an OPD', () => {
    const page = {
      scripts: ['/assets/app.js', `${WORKER}/widget.js`],
      containers: ['dinkes', ' dinkes ', null, 'dishub'],
    }
    expect(findings(page)).toMatchObject({ snippet_found: true, opds: ['dinkes', 'dishub'] })
  })

  it('misses it without the script, with another host’s, or without any data-opd', () => {
    expect(findings({ containers: ['dinkes'] }).snippet_found).toBe(false)
    expect(
      findings({ scripts: ['https://evil.example/widget.js'], containers: ['dinkes'] })
        .snippet_found,
    ).toBe(false)
    expect(findings({ scripts: [`${WORKER}/widget.js`], containers: [null] })).toMatchObject({
      snippet_found: false,
      opds: [],
    })
  })

  it('keys the article as the widget does: the canonical URL, else origin and path', () => {
    expect(findings({}).article).toBe('https://dinkes.kuduskab.go.id/berita/1')
    expect(findings({ canonical: '/berita/1-vaksin?a=1&amp;b=2' }).article).toBe(
      'https://dinkes.kuduskab.go.id/berita/1-vaksin?a=1&b=2',
    )
  })

  it('gives the title as text: og:title first, character references decoded, markup kept as text', () => {
    expect(findings({ title: ' Berita &#8211; Dinkes ' }).title).toBe('Berita – Dinkes')
    expect(
      findings({ title: 'x', ogTitle: '&lt;b&gt;Vaksin&lt;/b&gt; &amp; &#x1F489;' }).title,
    ).toBe('<b>Vaksin</b> & 💉')
    expect(findings({ title: '  ' }).title).toBeNull()
    expect(findings({ title: '&bogus; &#0;' }).title).toBe('&bogus; &#0;')
  })

  it('reads the meta tag’s policy with the header’s', () => {
    const page = { metaPolicies: ["script-src 'self'"] }
    expect(embedFindings(scan(page), PAGE, WORKER, [`connect-src ${WORKER}`]).csp).toEqual({
      script: false,
      connect: true,
    })
  })
})
