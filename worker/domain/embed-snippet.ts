import { RESERVED_HEIGHT } from '../../widget/reserved-height'

/**
 * What a webmaster pastes (CONTRACT §4), as «Kelola» and the demo page show it. The container
 * reserves the widget's height itself, so a page restored scrolled below it does not move
 * when the async script arrives (a page whose CSP forbids style attributes puts the same
 * rule in its stylesheet: README «Embedding the widget»).
 */
export function embedSnippet(host: string, opd: string): string {
  return (
    `<div data-tanggapan data-opd="${opd}" style="min-height:${RESERVED_HEIGHT}px"></div>\n` +
    `<script src="${host}/widget.js" async></script>`
  )
}
