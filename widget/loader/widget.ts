import { RESERVED_HEIGHT } from '../reserved-height'
import { readConfig, type PageInfo, type WidgetConfig } from '../widget-config'

// The only script every page loads (budget: 2 KB gzip). It reserves each container's space,
// and only when one nears the viewport imports the versioned chunk with the widget itself.
// Nothing here may throw into the host page.

interface Chunk {
  mount(host: HTMLElement, root: ShadowRoot, config: WidgetConfig, api: string): void
}

const SELECTOR = '[data-tanggapan]'

function start(doc: Document, src: string) {
  const api = new URL('/api/v1/', src).href
  const chunkUrl = new URL('/widget/' + __TANGGAPAN_CHUNK__, src).href
  const reserve = new CSSStyleSheet()
  // !important: an outer `* { all: unset }` would otherwise beat :host and drop the
  // reservation. The widget keeps this sheet, and its box takes the height from it.
  reserve.replaceSync(
    ':host{display:block!important;min-height:' + RESERVED_HEIGHT + 'px!important}',
  )
  const seen = new WeakSet<Element>()
  let chunk: Promise<Chunk> | null = null

  const load = (host: HTMLElement) => {
    const root = host.shadowRoot!
    ;(chunk ||= import(chunkUrl) as Promise<Chunk>)
      .then((m) => m.mount(host, root, readConfig(host.dataset, doc as PageInfo)!, api))
      .catch(() => {
        // Give the space back rather than leave an empty box; a later widget may retry.
        chunk = null
        root.adoptedStyleSheets = []
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

  const scan = () => {
    doc.querySelectorAll<HTMLElement>(SELECTOR).forEach((host) => {
      if (seen.has(host)) return
      seen.add(host)
      try {
        // Without data-opd there is nothing to count against: such a container stays empty.
        if (!host.dataset.opd) return
        host.attachShadow({ mode: 'open' }).adoptedStyleSheets = [reserve]
        near.observe(host)
      } catch {
        // An element that cannot host a shadow root (or already has one) is left alone.
      }
    })
  }

  scan()
  // Single-page sites add containers later; the parser adding them counts too.
  new MutationObserver(scan).observe(doc.documentElement, { childList: true, subtree: true })
}

try {
  const src = (document.currentScript as HTMLScriptElement | null)?.src
  if (src) start(document, src)
} catch {
  // Old browsers without constructable stylesheets: no widget, and no harm to the page.
}
