// Build-time inputs of the widget (scripts/build-widget.ts provides them).

/** File name of the versioned chunk, e.g. `app-1a2b3c4d5e.js`. */
declare const __TANGGAPAN_CHUNK__: string

/** Relative path of the comment box's chunk, e.g. `./comment-1a2b3c4d5e.js`. */
declare const __TANGGAPAN_COMMENT__: string

/**
 * The chunks the loader imports by a `data-tanggapan-NAME` attribute, NAME to file name: the
 * listing pages' count (`count`), the SKM survey on an OPD's page (`skm`).
 */
declare const __TANGGAPAN_CHUNKS__: Record<string, string>

/** The widget's colours as a stylesheet (widget/ui/palette.ts), baked in so they cost no code. */
declare const __TANGGAPAN_PALETTE__: string

/** Stylesheets are imported as minified text and adopted as constructable stylesheets. */
declare module '*.css' {
  const css: string
  export default css
}
