import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import { strictCsp } from '../dashboard-csp'
import { BAR_TRACK, PALETTE } from '../../widget/ui/palette'
import { ANSWER_PARTS_STYLE } from '../generated/widget-assets'
import { GRADE_MEANING, type Grade } from '../domain/figures/ikm'

// What the public pages share (/laporan/:id, /transparansi/:site, /tanggapi): the document
// shell, one stylesheet for screen and A4 print, and Indonesian number and date formats.
// Markup is hono/html tagged templates, as the demo page: every interpolated value is escaped,
// and no value is ever passed through raw() (but the no-script page's parts, which Preact has
// escaped: tanggapi-parts.tsx). No script at all, so the CSP allows none.

type Html = HtmlEscapedString | Promise<HtmlEscapedString>

export const PAGE_CSP = strictCsp({
  'script-src': "'none'",
  'connect-src': "'none'",
  'img-src': 'data:',
})

export const STYLESHEET_PATH = '/laporan/style.css'

/**
 * Raise it when the pages' markup or stylesheet changes: it is part of their ETags, so a cache
 * that revalidates learns of the new layout even though no publication changed.
 */
export const LAYOUT_REVISION = '4'

/**
 * The document every server-rendered page shares; `stylesheet` is the reports' unless a page
 * brings its own (the survey's, the A5 poster's).
 */
export function pageShell(
  title: string,
  body: Html,
  bodyClass: string,
  lang: 'id' | 'en' = 'id',
  stylesheet = `${STYLESHEET_PATH}?v=${LAYOUT_REVISION}`,
) {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${stylesheet}">
<link rel="icon" href="data:,">
</head>
<body${bodyClass ? html` class="${bodyClass}"` : ''}>
${body}
</body>
</html>`
}

export function notFoundPage(heading: string, detail: string) {
  return pageShell(
    `${heading} — Tanggapan`,
    html`<main class="page missing"><h1>${heading}</h1><p>${detail}</p></main>`,
    'transparansi',
  )
}

const formats = new Map<number, Intl.NumberFormat>()

/** A number the Indonesian way: 85,94 and 1.240. */
export function num(value: number, digits = 0): string {
  let format = formats.get(digits)
  if (format === undefined) {
    format = new Intl.NumberFormat('id-ID', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    })
    formats.set(digits, format)
  }
  return format.format(value)
}

/** The IKM with two decimals, or a dash without responses. */
export const ikmText = (ikm: number | null) => (ikm === null ? '—' : num(ikm, 2))

export const gradeText = (grade: Grade | null) =>
  grade === null ? '—' : `${grade} (${GRADE_MEANING[grade].id})`

/** A fraction as a percentage with two decimals: 0.0563 → 5,63 %. */
export const rateText = (rate: number | null) => (rate === null ? '—' : `${num(rate * 100, 2)} %`)

const dayFormat = new Intl.DateTimeFormat('id-ID', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})
const momentFormat = new Intl.DateTimeFormat('id-ID', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Jakarta',
})

/** A `YYYY-MM-DD` day label: 1 November 2026. */
export const dayText = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`))

/** A moment in Asia/Jakarta time: 1 Desember 2026 pukul 09.00 WIB. */
export const momentText = (iso: string) => `${momentFormat.format(new Date(iso))} WIB`

// Period labels in words are the domain's: the dashboard's period picker says them too.
export { periodText } from '../domain/calendar/periods'

/** The stylesheet of both pages: a sheet of paper on screen, A4 when printed. */
export const PAGE_CSS = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#4a5561;--rule:#8a949e;--band:#eef2f6;--accent:#0b4f8a}
*{box-sizing:border-box}
html{font:15px/1.5 Arial,'Liberation Sans',Helvetica,sans-serif;color:var(--ink);background:#dde3e9}
body{margin:0}
a{color:var(--accent)}
.sheet{background:#fff;max-width:210mm;margin:24px auto;padding:14mm 16mm;box-shadow:0 1px 4px #0003}
.kop{border-bottom:4px double var(--ink);padding-bottom:8px;margin-bottom:14px;text-align:center}
.kop p{margin:0}
.kop .pemda{font-size:1.2rem;font-weight:700;text-transform:uppercase;letter-spacing:.02em}
.kop .opd{font-size:1.05rem;font-weight:700;text-transform:uppercase}
.kop .wilayah{font-size:.85rem;color:var(--muted)}
h1{font-size:1.15rem;text-align:center;text-transform:uppercase;margin:0}
.subtitle{text-align:center;margin:2px 0 0;font-weight:700}
.meta{text-align:center;margin:2px 0 12px;font-size:.85rem;color:var(--muted)}
h2{font-size:1rem;margin:16px 0 6px;padding-bottom:2px;border-bottom:1px solid var(--rule);break-after:avoid}
.summary{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,2fr);gap:12px;align-items:stretch}
.score{border:2px solid var(--ink);padding:8px;text-align:center;display:flex;flex-direction:column;justify-content:center}
.score .label{font-size:.85rem;text-transform:uppercase;letter-spacing:.04em}
.score .ikm{font-size:2.2rem;font-weight:700;line-height:1.1}
.score .grade{font-size:1.05rem;font-weight:700}
.score .interval{font-size:.85rem;color:var(--muted)}
table{width:100%;border-collapse:collapse;font-size:.88rem}
caption{text-align:left;font-size:.85rem;color:var(--muted);padding-bottom:2px}
th,td{border:1px solid var(--rule);padding:3px 6px;text-align:left;vertical-align:top}
th{background:var(--band);font-weight:700}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.title{overflow-wrap:anywhere}
tr{break-inside:avoid}
thead{display:table-header-group}
tfoot td{font-weight:700}
.adequate{font-weight:700}
.worksheet{padding-left:1.4em;margin:4px 0}
.worksheet li{margin:0 0 6px}
.worksheet .step{font-weight:700}
.formula{font-family:'DejaVu Sans Mono','Liberation Mono',monospace;font-size:.82rem;overflow-wrap:anywhere}
.bands{width:auto;margin-top:4px}
.note{border-left:4px solid var(--accent);background:var(--band);padding:6px 10px;font-size:.88rem;margin:8px 0}
.hash{font-family:'DejaVu Sans Mono','Liberation Mono',monospace;font-size:.8rem;word-break:break-all}
.foot{font-size:.85rem}
.foot p{margin:4px 0}
.page{max-width:960px;margin:0 auto;padding:20px 20px 40px;background:#fff;min-height:100vh}
.page header{border-bottom:4px double var(--ink);padding-bottom:8px;margin-bottom:12px}
.page header p{margin:0}
.page .eyebrow{font-size:.85rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.page h1{text-align:left;text-transform:none;font-size:1.5rem;margin:2px 0}
.page h2{font-size:1.15rem;border-bottom:2px solid var(--ink)}
.page .lead{max-width:70ch}
.opendata{display:flex;flex-wrap:wrap;gap:8px 16px;padding:0;list-style:none}
.opendata a{display:inline-block;padding:6px 10px;border:1px solid var(--accent);border-radius:4px;text-decoration:none}
.publication{margin:10px 0 16px}
.publication .published{margin:0;font-size:.85rem;color:var(--muted)}
.publication .links{display:flex;flex-wrap:wrap;gap:8px;margin:4px 0 8px}
.publication .links a{display:inline-block;padding:4px 10px;border:1px solid var(--accent);border-radius:4px;text-decoration:none;font-size:.9rem}
.publication tbody th{background:none;font-weight:400}
.publication tr.scope th,.publication tr.scope td{font-weight:700;background:var(--band)}
.period{margin-top:18px}
.period h3{font-size:1.15rem;margin:0}
.period .range{margin:0 0 6px;color:var(--muted);font-size:.88rem}
.publication h4{font-size:1rem;margin:8px 0 2px}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.table-wrap{overflow-x:auto}
.missing{padding-top:48px}
.tanggapi{max-width:640px}
.tanggapi .en{color:var(--muted);font-weight:400}
.tanggapi .article{overflow-wrap:anywhere;font-size:.9rem}
.thanks{border-left:4px solid #1d6b35;background:#e7f4eb;padding:8px 12px}
.answers{list-style:none;padding:0;margin:12px 0;display:grid;gap:8px}
.answers li{display:grid;grid-template-columns:minmax(0,1fr) 3.5em;gap:6px 10px;align-items:center;border:1px solid var(--rule);border-radius:6px;padding:8px 10px}
.answers li.yours{border:2px solid var(--accent);background:var(--band)}
.answers button{font:inherit;font-weight:700;text-align:left;display:flex;align-items:center;gap:10px;min-height:44px;padding:8px 12px;border:1px solid var(--accent);border-radius:4px;background:#fff;color:var(--accent);cursor:pointer}
.answers button:hover,.answers button:focus-visible{background:var(--accent);color:#fff}
.answers button:hover .en,.answers button:focus-visible .en{color:#fff}
.answers .e{flex:none}
.answers .percent{text-align:right;font-weight:700;font-variant-numeric:tabular-nums}
.answers .bar{grid-column:1/-1;display:block;width:100%;height:8px}
.bar .track{fill:${BAR_TRACK}}
.bar .fill{fill:${PALETTE.light.accent}}
.answers .mine{grid-column:1/-1;font-size:.85rem;font-weight:700;color:var(--accent)}
.tanggapi .lang{text-align:right;font-size:.85rem}
.follow-up{display:grid;gap:6px;margin:12px 0;padding:10px 12px;border:1px solid var(--rule);border-radius:6px}
.follow-up fieldset{border:0;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:6px}
.follow-up legend{font-weight:700;margin-bottom:4px}
.follow-up fieldset label{display:inline-flex;align-items:center;gap:6px;min-height:44px;padding:4px 12px;border:1px solid var(--rule);border-radius:22px}
.follow-up>label{font-weight:700}
.follow-up small{color:var(--muted)}
.follow-up textarea{font:inherit;width:100%;padding:6px}
.follow-up button{font:inherit;font-weight:700;justify-self:start;min-height:44px;padding:8px 16px;border:0;border-radius:4px;background:var(--accent);color:#fff}
.follow-up .hp{position:absolute;left:-9999px}
.tanggapi .cookie,.tanggapi .detail{font-size:.85rem;color:var(--muted)}
${ANSWER_PARTS_STYLE}
.skm h3{font-size:.95rem;margin:10px 0 4px}
.skm p{margin:4px 0}
.profiles{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:8px;align-items:start}
.ttd{margin:18px 0 0 auto;width:18em;break-inside:avoid}
.ttd p{margin:0}
.ttd .nama{margin-top:52px;font-weight:700;text-decoration:underline}
.lampiran{break-before:page}
.questionnaire{padding-left:0;list-style:none}
.questionnaire li{break-inside:avoid;margin:0 0 8px}
.answers-tally td{width:25%}
.answers-tally .value{display:inline-block;min-width:1.4em;font-weight:700}
@page{size:A4;margin:14mm 14mm 16mm}
@media print{html{background:#fff;font-size:10pt}.sheet{box-shadow:none;margin:0;padding:0;max-width:none}a{color:inherit;text-decoration:none}.screen-only{display:none}}
@media (max-width:640px){html{font-size:14px}.profiles{grid-template-columns:minmax(0,1fr)}.sheet{margin:0;padding:14px}.summary{grid-template-columns:minmax(0,1fr)}.page{padding:14px 12px 32px}th,td{padding:3px 4px}}
`
