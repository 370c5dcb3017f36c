import { html } from 'hono/html'
import type { SkmPublication } from '../skm/publication'
import type { SiteEntry } from '../storage/sites'
import type { PublicationHead, PublicationTotals } from '../storage/publications'
import { dayText, gradeText, ikmText, momentText, num, pageShell, periodText } from './page-shell'

// GET /transparansi/:site (docs/contract.md §8): what a pemda has published, for anyone, without a
// token: per period each publication with its total and each OPD's IKM and grade, links to the
// printable reports and the JSON, and the site's open data. Figures are the frozen ones.

/** Where the open data of a site lives (worker/api/public/opendata.ts). */
const openDataPaths = (site: string) => ({
  csv: `/api/v1/public/opendata/${site}.csv`,
  json: `/api/v1/public/opendata/${site}.json`,
  skm: `/api/v1/public/opendata/${site}.skm.csv`,
})

type Totals = PublicationTotals

function figuresTable(head: PublicationHead, totals: Totals | undefined, caption: string) {
  if (totals === undefined) return html`<p>Angka publikasi ini tidak terbaca.</p>`
  const scope = head.opd === null ? totals.total : totals.opds.find((o) => o.opd === head.opd)
  const rows = head.opd === null ? totals.opds : []
  const row = (name: string, f: NonNullable<typeof scope>, strong: boolean) =>
    html`<tr${strong ? html` class="scope"` : ''}><th scope="row">${name}</th><td class="num">${num(f.total)}</td><td class="num">${ikmText(f.ikm)}</td><td>${gradeText(f.grade)}</td></tr>`
  return html`<div class="table-wrap"><table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Unit</th><th scope="col" class="num">Responden</th><th scope="col" class="num">IKM</th><th scope="col">Mutu</th></tr></thead>
<tbody>
${scope === undefined ? '' : row(head.opd === null ? 'Seluruh perangkat daerah' : (totals.opds.find((o) => o.opd === head.opd)?.name ?? head.opd), scope, true)}
${rows.map((o) => row(o.name ?? o.opd, o, false))}
</tbody>
</table></div>`
}

function publication(head: PublicationHead, totals: Totals | undefined) {
  const opd = head.opd === null ? null : totals?.opds.find((o) => o.opd === head.opd)
  const scope = head.opd === null ? 'Seluruh perangkat daerah' : (opd?.name ?? head.opd)
  const period = periodText(head.period)
  return html`<article class="publication" data-publication="${head.id}">
<h4>${scope}</h4>
<p class="published">Diterbitkan ${momentText(head.published_at)}</p>
<p class="links"><a href="/laporan/${head.id}">Laporan<span class="sr-only"> ${period}, ${scope}</span> (cetak)</a><a href="/api/v1/public/publications/${head.id}">Data JSON<span class="sr-only"> ${period}, ${scope}</span></a></p>
${figuresTable(head, totals, `IKM ${period}, ${scope}`)}
</article>`
}

/** Adjacent publications of the same period (the list is ordered by period) as one group. */
function byPeriod(heads: PublicationHead[]) {
  const groups: PublicationHead[][] = []
  for (const head of heads) {
    const last = groups[groups.length - 1]
    if (last !== undefined && last[0].period === head.period) last.push(head)
    else groups.push([head])
  }
  return groups
}

/** The site's published SKM results (docs/contract.md §14): one row per publication. */
function skmSection(skm: SkmPublication[]) {
  if (skm.length === 0) return html`<p>Belum ada publikasi SKM.</p>`
  return html`<div class="table-wrap"><table class="skm-publications">
<caption>Hasil SKM yang diterbitkan, periode terbaru lebih dulu</caption>
<thead><tr><th scope="col">Periode</th><th scope="col">Unit layanan</th><th scope="col" class="num">Responden</th><th scope="col" class="num">IKM</th><th scope="col">Mutu</th><th scope="col">Laporan</th></tr></thead>
<tbody>
${skm.map((p) => {
  const unit =
    p.service !== null
      ? `${p.names.service ?? p.service} (${p.names.opd ?? p.opd})`
      : p.opd === null
        ? 'Seluruh perangkat daerah'
        : (p.names.opd ?? p.opd)
  return html`<tr data-publication="${p.id}"><td>${periodText(p.period)}</td><th scope="row">${unit}</th><td class="num">${num(p.figures.respondents)}</td><td class="num">${ikmText(p.figures.ikm_skm)}</td><td>${gradeText(p.figures.grade)}</td><td><a href="/laporan/${p.id}">Laporan<span class="sr-only"> SKM ${periodText(p.period)}, ${unit}</span></a> · <a href="/api/v1/public/publications/${p.id}">JSON<span class="sr-only"> SKM ${periodText(p.period)}, ${unit}</span></a></td></tr>`
})}
</tbody>
</table></div>`
}

export function transparansiPage(
  site: SiteEntry,
  heads: PublicationHead[],
  totals: Map<string, Totals>,
  skm: SkmPublication[] = [],
) {
  const data = openDataPaths(site.id)
  const region =
    site.region_name && site.region
      ? html`<p>${site.region_name} · kode wilayah ${site.region}</p>`
      : ''
  const body = html`<main class="page">
<header>
<p class="eyebrow">Transparansi Survei Kepuasan (indikatif)</p>
<h1>${site.name}</h1>
${region}
</header>
<p class="lead">Hasil survei kepuasan pembaca atas informasi yang diterbitkan, per periode. Angka setiap publikasi dibekukan pada saat diterbitkan dan tidak berubah. Indeksnya <strong>indikatif</strong>: satu pertanyaan, «Bagaimana Tanggapan Anda?», dijawab secara sukarela oleh pembaca, bukan survei sembilan unsur PermenPANRB 14/2017.</p>
<h2>Survei Kepuasan Masyarakat (SKM)</h2>
<p class="lead">Survei resmi sembilan unsur PermenPANRB 14/2017 per unit layanan, dengan laporan lengkap dan rencana tindak lanjutnya.</p>
${skmSection(skm)}
<h2>Data terbuka</h2>
<ul class="opendata">
<li><a href="${data.csv}">Unduh CSV (per perangkat daerah dan bulan)</a></li>
<li><a href="${data.skm}">Unduh CSV SKM (per layanan dan periode)</a></li>
<li><a href="${data.json}">Metadata dataset (JSON, format CKAN)</a></li>
</ul>
<h2>Publikasi</h2>
${
  heads.length === 0
    ? html`<p>Belum ada publikasi.</p>`
    : byPeriod(heads).map(
        (group) => html`<section class="period">
<h3>${periodText(group[0].period)}</h3>
<p class="range">${dayText(group[0].from)} – ${dayText(group[0].to)}</p>
${group.map((head) => publication(head, totals.get(head.id)))}
</section>`,
      )
}
</main>`
  return pageShell(`Transparansi Survei Kepuasan — ${site.name}`, body, 'transparansi')
}
