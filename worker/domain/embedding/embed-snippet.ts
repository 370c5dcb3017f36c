import { RESERVED_HEIGHT } from '../../../widget/reserved-height'

/** Where the snippet's article goes: the webmaster's template puts each page's canonical URL there. */
export const ARTICLE_PLACEHOLDER = 'URL_BERITA'

/**
 * Whether an article key is the snippet's placeholder left in place, as a template may leave it:
 * any case, in braces, brackets or percent signs, with `-` or a space for `_` (`{{url_berita}}`).
 * Counted as an article it would gather every page's answers under one made-up name.
 */
export function isArticlePlaceholder(key: string): boolean {
  return key.toUpperCase().replace(/[^A-Z0-9]/g, '') === ARTICLE_PLACEHOLDER.replace(/_/g, '')
}

/** The text of the no-script link (docs/contract.md §10): Indonesian first. */
export const NOSCRIPT_LABEL = 'Beri tanggapan / Give feedback'

/**
 * The no-script page of one article (docs/contract.md §10). The article is URL-encoded, since it is
 * itself a URL with its own `?` and `&`; the placeholder stays as it is, to be read and replaced.
 */
export function tanggapiUrl(host: string, site: string, opd: string, article?: string): string {
  const key = article === undefined ? ARTICLE_PLACEHOLDER : encodeURIComponent(article)
  return `${host}/tanggapi?site=${site}&opd=${opd}&article=${key}`
}

/**
 * What a webmaster pastes (docs/contract.md §4, §10), as the README, «Kelola» and the demo page show
 * it. The container reserves the widget's height itself, so a page restored scrolled below it
 * does not move when the async script arrives (a page whose CSP forbids style attributes puts
 * the same rule in its stylesheet: docs/embedding.md). The `<noscript>` link sits
 * inside the container, so without JavaScript it shows in the reserved space; with it, the
 * widget's shadow root hides it. The bare `&`s are valid HTML: neither `&opd` nor `&article`
 * begins a character reference.
 */
export function embedSnippet(host: string, site: string, opd: string): string {
  return (
    `<div data-tanggapan data-opd="${opd}" style="min-height:${RESERVED_HEIGHT}px"><noscript>\n` +
    `<a href="${tanggapiUrl(host, site, opd)}">${NOSCRIPT_LABEL}</a>\n` +
    `</noscript></div>\n` +
    `<script src="${host}/widget.js" async></script>`
  )
}
