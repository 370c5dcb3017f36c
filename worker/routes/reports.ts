import type { MiddlewareHandler } from 'hono'
import { etag } from 'hono/etag'
import { secureHeaders } from 'hono/secure-headers'
import * as z from 'zod'
import { sha256Hex } from '../domain/crypto'
import { factory } from '../env'
import { laporanPage } from '../pages/laporan'
import { laporanSkmPage } from '../pages/laporan-skm'
import type { SkmPublication } from '../skm/publication'
import { siteSkmPublications, skmPublicationText } from '../storage/skm-publications'
import {
  LAYOUT_REVISION,
  notFoundPage,
  PAGE_CSP,
  PAGE_CSS,
  STYLESHEET_PATH,
} from '../pages/page-shell'
import { transparansiPage } from '../pages/transparansi'
import {
  listPublications,
  type PublicationDocument,
  publicationText,
  publicationTotals,
} from '../storage/publications'
import { siteDirectory } from '../storage/sites'
import { siteId } from '../validation/fields'

// The public report pages (docs/contract.md §8; docs/publications.md «Laporan & transparansi»): server-rendered
// HTML for people, no token, no script. Errors are pages too: a person follows these links,
// so an unknown id or site is a 404 page rather than the API's JSON error.

const publicationId = z.string().regex(/^(pub|skm)_[0-9a-f]{16}$/)

const pageHeaders = secureHeaders({
  crossOriginResourcePolicy: false,
  crossOriginOpenerPolicy: 'same-origin',
  referrerPolicy: 'no-referrer',
  xFrameOptions: 'DENY',
})

const pageCsp: MiddlewareHandler = async (c, next) => {
  await next()
  c.header('Content-Security-Policy', PAGE_CSP)
}

// Mounted at the root, so every middleware names its paths: the API keeps its own headers.
export const reportsRoute = factory
  .createApp()
  // Handlers set the ETag; the middleware answers 304 when If-None-Match has it.
  .use('/laporan/*', pageHeaders, pageCsp, etag())
  .use('/transparansi/*', pageHeaders, pageCsp)
  .get(STYLESHEET_PATH, (c) =>
    c.body(PAGE_CSS, 200, {
      'Content-Type': 'text/css; charset=utf-8',
      'Cache-Control': 'public, max-age=86400',
    }),
  )
  .get('/laporan/:id', async (c) => {
    const id = c.req.param('id')
    const known = publicationId.safeParse(id).success
    // SKM publications (`skm_…`, docs/contract.md §14) are kept apart from the news box's.
    const text = !known
      ? null
      : id.startsWith('skm_')
        ? await skmPublicationText(c.var.db, id)
        : await publicationText(c.var.db, id)
    if (text === null) {
      c.header('Cache-Control', 'no-cache')
      return c.html(
        notFoundPage('Laporan tidak ditemukan', `Tidak ada publikasi dengan nomor ${id}.`),
        404,
      )
    }
    const doc = JSON.parse(text) as PublicationDocument | SkmPublication
    // A publication never changes: its hash and the layout's revision say all about the page.
    c.header('ETag', `"${doc.sha256.slice(0, 32)}-${LAYOUT_REVISION}"`)
    c.header('Cache-Control', 'public, max-age=86400')
    const origin = new URL(c.req.url).origin
    return c.html('kind' in doc ? laporanSkmPage(doc, origin) : laporanPage(doc, origin))
  })
  .get('/transparansi/:site', async (c) => {
    const site = c.req.param('site')
    const db = c.var.db
    const parsed = siteId.safeParse(site)
    const [entry] = parsed.success ? await siteDirectory(db, parsed.data) : []
    if (entry === undefined) {
      c.header('Cache-Control', 'no-cache')
      return c.html(
        notFoundPage(
          'Situs tidak ditemukan',
          `Tidak ada situs yang terdaftar dengan nama ${site}.`,
        ),
        404,
      )
    }
    const [heads, skm] = await Promise.all([
      listPublications(db, entry.id),
      siteSkmPublications(db, entry.id),
    ])
    // What the page shows changes only with the site's name and region and its publications.
    const tag = await sha256Hex(
      JSON.stringify([
        LAYOUT_REVISION,
        entry.name,
        entry.region,
        heads.map((h) => [h.id, h.sha256]),
        skm.map((p) => [p.id, p.sha256]),
      ]),
      16,
    )
    c.header('ETag', `"${tag}"`)
    c.header('Cache-Control', 'public, max-age=300')
    if (c.req.header('If-None-Match')?.includes(`"${tag}"`)) return c.body(null, 304)
    const totals = await publicationTotals(
      db,
      entry.id,
      heads.map((h) => h.id),
    )
    return c.html(transparansiPage(entry, heads, totals, skm))
  })
