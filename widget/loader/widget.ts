import { READER_KEY } from '../app/reader-id'
import { RESERVED_HEIGHT } from '../reserved-height'
import { readArticle, type PageInfo, type WidgetArticle } from '../widget-config'

// The only script every page loads (budget: 1 KB gzip; framework-free). It reserves each container's space,
// and only when one nears the viewport imports the versioned chunk with the widget itself,
// sending the page view's one request (docs/contract.md §12) while the chunk loads, so the
// figures wait for the slower of the two rather than for both in turn.
// Nothing here may throw into the host page.

/** Reports a failure of the widget (docs/embedding.md «Embed health»): at most once per code and page. */
export type Report = (code: 'chunk' | 'api' | 'config', opd?: string) => void

interface Chunk {
  mount(
    /** The container, its shadow root already attached. */
    host: HTMLElement,
    article: WidgetArticle,
    api: string,
    report: Report,
    /** The page view's request (POST visits), under way: its answer is the box's first figures. */
    visit: Promise<Response>,
  ): void
}

const SELECTOR = '[data-tanggapan]'

function start(doc: Document, src: string) {
  const origin = new URL(src).origin
  const api = origin + '/api/v1/'
  const reserve = new CSSStyleSheet()
  // !important: an outer `* { all: unset }` would otherwise beat :host and drop the
  // reservation. The widget keeps this sheet, and its box takes the height from it.
  reserve.replaceSync(
    ':host{display:block!important;min-height:' + RESERVED_HEIGHT + 'px!important}',
  )
  // What a widget without data-article takes its article from (readArticle): the path, the
  // canonical link and og:title. Not the hash or query, which name no other article: a jump to
  // #tanggapan must not swap the box the reader is about to touch. Read from <head> alone,
  // where they belong, so that comparing it after every text change stays cheap.
  const head = doc.head
  const pageKey = () =>
    location.pathname +
    ' ' +
    head.querySelector<HTMLLinkElement>('link[rel=canonical]')?.href +
    ' ' +
    head.querySelector<HTMLMetaElement>('meta[property="og:title"]')?.content
  let page = pageKey()
  let chunk: Promise<Chunk> | null = null
  // The error beacon: its code and the OPD only, as text/plain (no preflight); sendBeacon
  // outlives the page and never blocks it.
  const sent: Record<string, 1> = {}
  const report: Report = (code, opd) => {
    if (!sent[code]) navigator.sendBeacon(api + 'widget-errors', JSON.stringify({ code, opd }))
    sent[code] = 1
  }

  const load = (host: HTMLElement) => {
    const config: WidgetArticle & { reader?: string } = readArticle(host.dataset, doc as PageInfo)!
    // The kept reader id as it is: a reader without a valid one gets a new one from the
    // answer (the chunk keeps it), which spares this loader making one.
    try {
      config.reader = localStorage[READER_KEY]
    } catch {
      // Storage blocked (sandboxed frames): the API makes an id for this page.
    }
    const visit = fetch(api + 'visits', { method: 'POST', body: JSON.stringify(config) })
    // Handled here too: it may fail before the chunk arrives to say so, and an unhandled
    // rejection would reach the host page's console and error reporting.
    visit.catch(() => {})
    ;(chunk ||= import(origin + '/widget/' + __TANGGAPAN_CHUNK__) as Promise<Chunk>)
      .then((m) => m.mount(host, config, api, report, visit))
      .catch(() => {
        // Give the space back rather than leave an empty box; a later widget may retry.
        chunk = null
        host.shadowRoot!.adoptedStyleSheets = []
        report('chunk', config.opd)
      })
  }

  const near = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue
        near.unobserve(entry.target)
        load(entry.target as HTMLElement)
      }
    },
    { rootMargin: '600px 0px' },
  )

  // Single-page sites change the URL and redraw without loading a page (pushState,
  // popstate, the Navigation API alike), some in place (React, Svelte: the same nodes with new
  // text, the canonical link's href changed). A widget that takes its article from the page
  // (no data-article) is then swapped for a copy of its container, which the observer mounts
  // afresh for the new article. The old one, detached, can neither draw nor count.
  const check = () => {
    if (page !== (page = pageKey()))
      doc.querySelectorAll(SELECTOR + ':not([data-article])').forEach((host) => {
        if (host.shadowRoot) host.replaceWith(host.cloneNode(true))
      })
  }

  const scan = () => {
    doc.querySelectorAll<HTMLElement>(SELECTOR).forEach((host) => {
      try {
        // Without data-opd there is nothing to count against: such a container stays empty,
        // and the site hears of it (once: report says each code once).
        if (!host.dataset.opd) report('config')
        else {
          // Throws for a container seen before, which has its shadow root: one mount each.
          host.attachShadow({ mode: 'open' }).adoptedStyleSheets = [reserve]
          near.observe(host)
        }
      } catch {
        // An element that cannot host a shadow root (or already has one) is left alone.
      }
    })
    check()
    // Listing pages' counts (data-tanggapan-count) and OPDs' surveys (data-tanggapan-skm):
    // each a chunk of its own, imported where the page has its elements (it skips the done).
    for (const name in __TANGGAPAN_CHUNKS__)
      if (doc.querySelector('[data-tanggapan-' + name + ']'))
        import(origin + '/widget/' + __TANGGAPAN_CHUNKS__[name]).then(
          (m) => m.default(doc, api),
          () => {},
        )
  }

  scan()
  // Single-page sites add containers and change pages later; the parser adding them counts too.
  new MutationObserver(scan).observe(doc.documentElement, { childList: true, subtree: true })
  // An in-place redraw adds no node: for changed text and links only the page is compared.
  new MutationObserver(check).observe(doc.documentElement, {
    characterData: true,
    attributeFilter: ['href', 'content'],
    subtree: true,
  })
  // A router may change the URL a task after its redraw, with no change after it: the
  // reader's first touch of a box compares the page too, before the answer is sent.
  addEventListener('pointerdown', check, true)
  addEventListener('keydown', check, true)
}

try {
  const src = (document.currentScript as HTMLScriptElement | null)?.src
  if (src) start(document, src)
} catch {
  // Old browsers without constructable stylesheets: no widget, and no harm to the page.
}
