import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, inject } from 'vitest'
import { executeLocalSql } from '../../scripts/local-d1'
import { launchChromium } from './chromium'

// Probe pages for the widget's browser tests: a small Node server on its own origin (a real
// third-party site, as far as the browser knows), registered for the demo site in the local
// D1 that the test server uses.

export interface Probe {
  origin: string
  /** Serves `html` at `path` (with extra response headers) and gives its full URL. */
  serve(path: string, html: string, headers?: Record<string, string>): string
  close(): Promise<void>
}

export async function startProbe(persistTo: string): Promise<Probe> {
  const pages = new Map<string, { html: string; headers: Record<string, string> }>()
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    // The browser asks for an icon on its own: answer it, so no 404 shows up as a console error.
    if (path === '/favicon.ico') return void res.writeHead(204).end()
    const page = pages.get(path)
    if (!page) return void res.writeHead(404).end()
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      ...page.headers,
    })
    res.end(page.html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  executeLocalSql(
    `INSERT OR IGNORE INTO site_origins (origin, site_id) VALUES ('${origin}', 'demo');`,
    persistTo,
  )
  return {
    origin,
    serve(path, html, headers = {}) {
      pages.set(path, { html, headers })
      return origin + path
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** A Chromium and a probe site for one test file: opened before its tests, closed after. */
export function probeSession(): { browser: Browser; probe: Probe } {
  const session = {} as { browser: Browser; probe: Probe }
  beforeAll(async () => {
    session.probe = await startProbe(inject('persistTo'))
    session.browser = await launchChromium()
  })
  afterAll(async () => {
    await session.browser?.close()
    await session.probe?.close()
  })
  return session
}

/** A fresh article key, so tests never depend on what another test (or run) answered. */
export function probeArticle(name: string): string {
  // An origin the demo site registers: article URLs of other origins are refused (422).
  return `https://contohkab.go.id/berita/probe-${name}-${crypto.randomUUID()}`
}

export interface WidgetSpec {
  article: string
  opd?: string
  lang?: string
  results?: string
  theme?: string
}

export function container(w: WidgetSpec): string {
  const attrs = [
    `data-opd="${w.opd ?? 'diskominfo'}"`,
    `data-article="${w.article}"`,
    'data-title="Berita uji"',
  ]
  if (w.lang) attrs.push(`data-lang="${w.lang}"`)
  if (w.results) attrs.push(`data-results="${w.results}"`)
  if (w.theme) attrs.push(`data-theme="${w.theme}"`)
  return `<div data-tanggapan ${attrs.join(' ')}></div>`
}

/** A plain host page: the snippet of docs/contract.md §4, with whatever the test puts around it. */
export function hostPage(api: string, body: string, head = ''): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Halaman uji</title>${head}</head>
<body><main>${body}</main><script src="${api}/widget.js" async></script></body></html>`
}

/** The nth widget on the page (its host element; Playwright's locators enter open shadow roots). */
export function widget(page: Page, index = 0): Locator {
  return page.locator('[data-tanggapan]').nth(index)
}

/**
 * The widget's parts by name. Its class names are single letters, since every byte counts on
 * the answer path (widget/app/widget-mount.ts, widget/comment/comment-box.tsx): tests name
 * them here once, and find by role what has one (`[role=radio]`, getByRole('button', …)).
 */
const PARTS = {
  /** The box itself (it carries `lang`). */
  box: '.t',
  question: '.q',
  /** The four answers, best first. */
  answer: '[role=radio]',
  answerLabel: '.l',
  answerPercent: '.p',
  answerBar: '.b',
  answerBarFill: '.f',
  /** «n tanggapan · dilihat n kali» under the answers. */
  counts: '.n',
  /** The visible status line (thanks, failure, offline…). */
  message: '.m',
  /** The live region: what a screen reader is told (the message and the results). */
  spoken: '.v',
  /** «Beri masukan», which opens the comment box. */
  feedbackLink: '.k',
  /** The comment box's «n/500» counter. */
  commentCounter: '.cc',
} as const

export type WidgetPart = keyof typeof PARTS

/** A named part inside a widget (or any locator inside one). */
export function part(w: Locator, name: WidgetPart): Locator {
  return w.locator(PARTS[name])
}

export async function percentagesOf(w: Locator): Promise<number[]> {
  const texts = await part(w, 'answerPercent').allTextContents()
  return texts.map((t) => Number(t.replace('%', '')))
}

export async function waitForResults(w: Locator): Promise<void> {
  await part(w, 'counts').filter({ hasText: /\d/ }).waitFor()
}

export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
