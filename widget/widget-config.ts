/** What one `[data-tanggapan]` container asks for (docs/contract.md §4), resolved against its page. */
export interface WidgetConfig {
  opd: string
  article: string
  title: string
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

/** Null when `data-opd` is missing: without it there is nothing to count the answer against. */
export function readConfig(data: DOMStringMap, page: PageInfo): WidgetConfig | null {
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
    lang: data.lang === 'en' ? 'en' : 'id',
    resultsAfter: data.results === 'after',
  }
}
