import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { buildWidget, type Compressed, compressedSize } from '../scripts/build-widget'

// The widget's weight on a reader's phone, measured as its own build measures it (gzip level 9,
// brotli quality 11, as a CDN would serve it), beside Preact alone as the yardstick.

export interface WidgetBytes {
  /** widget.js, the loader every page fetches. */
  loader: Compressed
  /** The loader and the answer chunk it loads. */
  whole: Compressed
  /** The reasons and comment chunk, loaded only when the comment box is shown. */
  comment: Compressed
  /** Preact's own minified build, as it ships it. */
  preact: Compressed
}

export async function widgetBytes(): Promise<WidgetBytes> {
  const { sizes } = await buildWidget()
  const preact = dirname(createRequire(import.meta.url).resolve('preact/package.json'))
  return {
    loader: sizes.loader,
    whole: sizes.total,
    comment: sizes.comment,
    preact: compressedSize(readFileSync(join(preact, 'dist/preact.min.js'), 'utf8')),
  }
}
