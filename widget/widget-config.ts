/** The article one `[data-tanggapan]` container speaks of (docs/contract.md §4), resolved against its page. */
export interface WidgetArticle {
  opd: string
  article: string
  title: string
}

/** What the container asks for: its article, and how the box shows it (read by the chunk). */
export interface WidgetConfig extends WidgetArticle {
  lang: 'id' | 'en'
  /** `data-results="after"`: percentages stay hidden until the reader has answered. */
  resultsAfter: boolean
}

/** The slice of `document` the defaults come from, so the rules are testable without a DOM. */
export interface PageInfo {
  querySelector(selector: string): { href?: string; content?: string } | null
  title: string
  location: { origin: string; pathname: string }
}

/**
 * Null when `data-opd` is missing: without it there is nothing to count the answer against.
 * The loader reads this much, which its page view's request sends (the whole object goes).
 */
export function readArticle(data: DOMStringMap, page: PageInfo): WidgetArticle | null {
  const opd = data.opd?.trim()
  if (!opd) return null
  return {
    opd,
    // `link.href` is already absolute, even when the page wrote a relative canonical URL.
    article:
      data.article?.trim() ||
      page.querySelector('link[rel=canonical]')?.href ||
      page.location.origin + page.location.pathname,
    title:
      data.title?.trim() || page.querySelector('meta[property="og:title"]')?.content || page.title,
  }
}

/** How the box shows it: Indonesian and results at once unless the container says otherwise. */
export function readOptions(data: DOMStringMap): Pick<WidgetConfig, 'lang' | 'resultsAfter'> {
  return { lang: data.lang === 'en' ? 'en' : 'id', resultsAfter: data.results === 'after' }
}
