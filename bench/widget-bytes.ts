import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
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

/** Not built yet while scripts/build-widget.ts is not on this branch. */
export async function widgetBytes(): Promise<WidgetBytes> {
  if (!existsSync('scripts/build-widget.ts')) return { built: false }
  throw new Error('scripts/build-widget.ts exists: measure its output here')
}
