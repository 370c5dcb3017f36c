// The widget's colours (docs/contract.md §12 data-theme), written once for the widget's
// stylesheet and for the no-script page (worker/pages/tanggapi.ts), whose bars are drawn in them.

/** Light is the default, whatever the reader's device prefers: a dark box on a white pemda page looks broken. */
export const PALETTE = {
  light: { accent: '#0b57b0', bg: '#fff', text: '#17202b', border: '#d3dae3' },
  dark: { accent: '#8dbcff', bg: '#161b22', text: '#e9eef4', border: '#36414f' },
}

/** A bar's track: a translucent grey, legible on either palette. Its fill is the accent. */
export const BAR_TRACK = '#8884'

type Colours = (typeof PALETTE)['light']

// The documented --tanggapan-* properties override each colour (docs/embedding.md «Theming»).
const vars = (p: Colours) =>
  `{--a:var(--tanggapan-accent,${p.accent});--bg:var(--tanggapan-bg,${p.bg});--fg:var(--tanggapan-text,${p.text});--bd:var(--tanggapan-border,${p.border})}`

/**
 * The widget's palette on :host (so the comment box shares it): light, dark with
 * data-theme="dark", and following prefers-color-scheme with "auto"; and the bars' track.
 */
export const paletteCss = () =>
  `:host${vars(PALETTE.light)}:host([data-theme=dark])${vars(PALETTE.dark)}@media (prefers-color-scheme:dark){:host([data-theme=auto])${vars(PALETTE.dark)}}.b{background:${BAR_TRACK}}`
