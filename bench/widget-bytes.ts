import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

// The widget's weight on a reader's phone: raw, gzip (level 9) and brotli (quality 11), the
// way a CDN would serve it, beside Preact alone as the yardstick.

export interface Bytes {
  raw: number
  gzip: number
  brotli: number
}

export function bytesOf(content: Buffer): Bytes {
  return {
    raw: content.length,
    gzip: gzipSync(content, { level: 9 }).length,
    brotli: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }
}

export function preactBytes(): Bytes {
  const preact = dirname(createRequire(import.meta.url).resolve('preact/package.json'))
  return bytesOf(readFileSync(join(preact, 'dist/preact.min.js')))
}

export type WidgetBytes = { built: false } | { built: true; loader: Bytes; whole: Bytes }

interface WidgetBuild {
  sizes: { loader: Bytes; total: Bytes }
}

// The widget's own build (scripts/build-widget.ts, from the widget feature) measures itself
// the same way; a specifier held in a variable keeps this file compiling where it is absent.
const BUILD_SCRIPT = '../scripts/build-widget.ts'

/** The loader and the whole widget (loader + chunk), or not built where the build is absent. */
export async function widgetBytes(): Promise<WidgetBytes> {
  if (!existsSync(fileURLToPath(new URL(BUILD_SCRIPT, import.meta.url)))) return { built: false }
  const { buildWidget } = (await import(BUILD_SCRIPT)) as { buildWidget: () => Promise<WidgetBuild> }
  const { sizes } = await buildWidget()
  if (!sizes?.loader || !sizes?.total) {
    throw new Error('buildWidget() no longer reports sizes.loader and sizes.total: update bench/widget-bytes.ts')
  }
  return { built: true, loader: sizes.loader, whole: sizes.total }
}
