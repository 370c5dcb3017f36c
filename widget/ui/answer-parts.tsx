/** @jsxRuntime classic */
/** @jsx h */
// Preact's h() rather than its JSX runtime, whose own vnode factory would cost the answer path's
// budget (scripts/build-widget.ts) some 150 B gzip beside the h() that Preact bundles anyway.
// biome-ignore lint/correctness/noUnusedImports: the JSX below compiles to h()
import { h } from 'preact'

// The parts of an answer that the widget shares with the official survey's page and kiosk
// (docs/contract.md §14): the drawn faces, the bars and the live region. Their looks are
// answer-parts.css, which whoever draws them adopts.

/**
 * The face of the `index`-th answer (0 Sangat Puas … 3 Tidak Puas), drawn by the stylesheet:
 * emoji differ per device, and where no emoji font is installed (Debian's Chromium) they are
 * empty boxes.
 */
export const Face = ({ index }: { index: number }) => (
  <span class={'e e' + index} aria-hidden="true" />
)

/** The `index`-th bar: a track and its fill, whose width barWidths() gives. */
export const Bar = ({ index }: { index: number }) => (
  <span class="b">
    <span class={'f f' + index} />
  </span>
)

/** The bars' widths as a stylesheet, since a strict CSP refuses style attributes. */
export const barWidths = (percents: number[]) =>
  percents.map((p, i) => `.f${i}{width:${p}%}`).join('')

/**
 * Heard, not seen: a screen reader says its text when it changes (Preact writes the text only
 * then, and a live region written again is said again).
 */
export const LiveRegion = ({ text }: { text: string }) => (
  <p class="v" role="status">
    {text}
  </p>
)
