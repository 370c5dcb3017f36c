import { html } from 'hono/html'
import { pageShell } from './page-shell'

// The A5 poster for a service's counter (docs/contract.md §14, GET /skm/:site/:service/poster):
// the invitation, the service's, OPD's and pemda's names, the QR code and the address written
// out for whoever types it. Printed from the browser, it fills one sheet (the code gives way to
// a long name); on screen it is the sheet centred, full width on a phone.
// hono/html escapes every value, as on the other public pages; the QR code travels as a data:
// URL so that no markup is ever inserted unescaped.

export interface Poster {
  siteName: string
  opdName: string
  serviceName: string
  /** The survey page's absolute address, which the QR code encodes. */
  address: string
  qrSvg: string
}

export const POSTER_STYLESHEET_PATH = '/skm/poster.css'

/** Raise it when the stylesheet changes: browsers keep it for a day under the same address. */
const POSTER_REVISION = '1'

/** The address as people type it: without the scheme, which browsers add. */
const typedAddress = (address: string) => address.replace(/^https?:\/\//, '')

/** A name longer than this, up to the 200 characters allowed, is set smaller to keep one sheet. */
const LONG_NAME = 60

export function posterPage(p: Poster) {
  const qr = `data:image/svg+xml;base64,${btoa(p.qrSvg)}`
  return pageShell(
    `Poster SKM — ${p.serviceName}`,
    html`<main class="poster">
<header>
<p class="site">${p.siteName}</p>
<p class="opd">${p.opdName}</p>
</header>
<p class="eyebrow">Survei Kepuasan Masyarakat</p>
<h1${p.serviceName.length > LONG_NAME ? html` class="long"` : ''}>${p.serviceName}</h1>
<p class="invite">Bantu kami memperbaiki layanan ini — isi survei kepuasan, 2 menit, tanpa nama.</p>
<img class="qr" src="${qr}" alt="Kode QR survei kepuasan: ${p.address}">
<p class="scan">Pindai kode QR dengan kamera ponsel, atau ketik alamat ini:</p>
<p class="address">${typedAddress(p.address)}</p>
<p class="en" lang="en">Help us improve this service: scan the code or type the address for a 2-minute satisfaction survey, no name needed.</p>
</main>`,
    '',
    'id',
    `${POSTER_STYLESHEET_PATH}?v=${POSTER_REVISION}`,
  )
}

/** One A5 sheet when printed; the same sheet centred on a screen, full width on a phone. */
export const POSTER_CSS = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#4a5561;--accent:#0b4f8a}
*{box-sizing:border-box}
html{font:16px/1.4 Arial,'Liberation Sans',Helvetica,sans-serif;color:var(--ink);background:#dde3e9}
body{margin:0}
.poster{background:#fff;max-width:148mm;margin:24px auto;padding:12mm 12mm 10mm;box-shadow:0 1px 4px #0003;text-align:center;overflow-wrap:anywhere}
.poster header{border-bottom:3px double var(--ink);padding-bottom:6px}
.poster header p{margin:0}
.site{font-size:1rem;font-weight:700;text-transform:uppercase;letter-spacing:.02em}
.opd{font-size:.95rem}
.eyebrow{margin:12px 0 0;font-size:.85rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
h1{font-size:1.7rem;line-height:1.15;margin:4px 0 8px}
h1.long{font-size:1.25rem}
.invite{font-size:1.15rem;font-weight:700;margin:0 auto 8px;max-width:30ch}
.qr{display:block;width:70mm;max-width:100%;height:auto;margin:0 auto}
.scan{margin:6px 0 2px;font-size:.95rem}
.address{margin:0;font-family:'DejaVu Sans Mono','Liberation Mono',monospace;font-size:1.05rem;font-weight:700;color:var(--accent)}
.en{margin:10px 0 0;font-size:.8rem;color:var(--muted)}
@page{size:A5;margin:10mm}
@media print{
html{background:#fff}
.poster{box-shadow:none;margin:0;max-width:none;padding:0;height:188mm;display:flex;flex-direction:column;justify-content:space-between}
.qr{flex:0 1 70mm;min-height:45mm;width:100%;object-fit:contain}
}
@media (max-width:600px){.poster{margin:0;padding:16px 14px;min-height:100vh}h1{font-size:1.45rem}h1.long{font-size:1.15rem}}
`
