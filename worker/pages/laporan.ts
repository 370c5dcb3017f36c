import { html } from 'hono/html'
import { GRADE_MEANING, type Grade } from '../domain/figures/ikm'
import { gradeBand, ikmWorksheet, type IkmWorksheet } from '../domain/figures/ikm-worksheet'
import { RATINGS } from '../domain/figures/rating-scale'
import type { PublicationDocument } from '../storage/publications'
import {
  dayText,
  gradeText,
  ikmText,
  momentText,
  num,
  pageShell,
  periodText,
  rateText,
} from './page-shell'

// GET /laporan/:id (docs/contract.md §8): the printable «Laporan Hasil Survei Kepuasan» of one
// publication, in the order Indonesian SKM reports use: letterhead, title and period, the
// result, the answers, per OPD and per article, the calculation worksheet, the note on the
// indicative index, and how to check the figures (SHA-256, the JSON). Every figure comes from
// the frozen document; nothing here reads a live table.

type Figures = PublicationDocument['figures']
type Row = Figures['opds'][number]
type Article = Figures['articles'][number]

/** The figures of the publication's scope: the site total, or the one OPD's own row. */
function scopeRow(doc: PublicationDocument) {
  return doc.figures.total ?? doc.figures.opds.find((o) => o.opd === doc.opd)
}

const opdName = (row: { opd: string | null; name: string | null }) => row.name ?? row.opd ?? '—'

function letterhead(doc: PublicationDocument) {
  const total = doc.figures.total
  const opd = doc.opd === null ? null : doc.figures.opds.find((o) => o.opd === doc.opd)
  const unit =
    doc.opd === null ? 'Seluruh Perangkat Daerah' : opdName(opd ?? { opd: doc.opd, name: null })
  const region =
    total?.region_name && total.region
      ? html`<p class="wilayah">${total.region_name} · kode wilayah ${total.region}</p>`
      : ''
  return html`<header class="kop">
<p class="pemda">${total?.name ?? doc.site}</p>
<p class="opd">${unit}</p>
${region}
</header>`
}

function summary(f: NonNullable<ReturnType<typeof scopeRow>>) {
  const interval =
    f.ikm_low === null || f.ikm_high === null
      ? 'interval belum dapat dihitung'
      : html`interval 95 %: <span data-figure="ikm_low">${num(f.ikm_low, 2)}</span>–<span data-figure="ikm_high">${num(f.ikm_high, 2)}</span>`
  return html`<section class="summary" aria-label="Ringkasan">
<div class="score">
<span class="label">Indeks Kepuasan (indikatif)</span>
<span class="ikm" data-figure="ikm">${ikmText(f.ikm)}</span>
<span class="grade">Mutu <span data-figure="grade">${gradeText(f.grade)}</span></span>
<span class="interval">${interval}</span>
</div>
<table>
<caption>Ringkasan hasil</caption>
<tbody>
<tr><th scope="row">Responden (jawaban)</th><td class="num" data-figure="total">${num(f.total)}</td></tr>
<tr><th scope="row">Dilihat (pembaca per hari)</th><td class="num" data-figure="views">${num(f.views)}</td></tr>
<tr><th scope="row">Tingkat respons</th><td class="num" data-figure="response_rate">${rateText(f.response_rate)}</td></tr>
<tr><th scope="row">Sampel minimum (Krejcie–Morgan)</th><td class="num" data-figure="required_sample">${f.required_sample === null ? '—' : num(f.required_sample)}</td></tr>
<tr><th scope="row">Kecukupan sampel</th><td class="adequate" data-figure="sample_adequate">${f.sample_adequate ? 'Sampel memadai' : 'Sampel belum memadai'}</td></tr>
</tbody>
</table>
</section>`
}

function answers(f: NonNullable<ReturnType<typeof scopeRow>>) {
  return html`<h2>1. Sebaran jawaban «Bagaimana Tanggapan Anda?»</h2>
<table>
<thead><tr><th scope="col">Jawaban</th><th scope="col" class="num">Nilai</th><th scope="col" class="num">Jumlah</th><th scope="col" class="num">Persentase</th></tr></thead>
<tbody>
${RATINGS.map(
  (r) =>
    html`<tr><th scope="row">${r.id}</th><td class="num">${r.value}</td><td class="num" data-figure="counts.${r.key}">${num(f.counts[r.key])}</td><td class="num" data-figure="percentages.${r.key}">${num(f.percentages[r.key])} %</td></tr>`,
)}
</tbody>
<tfoot><tr><td>Jumlah</td><td></td><td class="num">${num(f.total)}</td><td class="num">${f.total === 0 ? '0 %' : '100 %'}</td></tr></tfoot>
</table>`
}

function opdTable(rows: Row[]) {
  return html`<h2>2. Hasil per perangkat daerah</h2>
<table>
<thead><tr><th scope="col">Perangkat daerah</th><th scope="col" class="num">Responden</th><th scope="col" class="num">Dilihat</th><th scope="col" class="num">IKM</th><th scope="col">Mutu</th><th scope="col" class="num">Interval 95 %</th><th scope="col">Sampel</th></tr></thead>
<tbody>
${rows.map(
  (o) =>
    html`<tr data-opd="${o.opd}"><td class="title">${opdName(o)}</td><td class="num">${num(o.total)}</td><td class="num">${num(o.views)}</td><td class="num">${ikmText(o.ikm)}</td><td>${o.grade ?? '—'}</td><td class="num">${o.ikm_low === null || o.ikm_high === null ? '—' : `${num(o.ikm_low, 2)}–${num(o.ikm_high, 2)}`}</td><td>${o.sample_adequate ? 'memadai' : 'belum memadai'}</td></tr>`,
)}
</tbody>
</table>`
}

/** Most answered first: the articles a reader of the report looks for. */
const byResponses = (a: Article, b: Article) =>
  b.total - a.total || b.views - a.views || (a.article < b.article ? -1 : 1)

function articleTable(doc: PublicationDocument, number: number) {
  const rows = [...doc.figures.articles].sort(byResponses)
  const names = new Map(doc.figures.opds.map((o) => [o.opd, opdName(o)]))
  const perOpd = doc.opd === null
  return html`<h2>${number}. Hasil per artikel</h2>
${
  rows.length === 0
    ? html`<p>Tidak ada artikel yang dibaca atau ditanggapi pada periode ini.</p>`
    : html`<table>
<thead><tr><th scope="col" class="num">No</th><th scope="col">Artikel</th>${perOpd ? html`<th scope="col">Perangkat daerah</th>` : ''}<th scope="col" class="num">Responden</th><th scope="col" class="num">Dilihat</th><th scope="col" class="num">IKM</th><th scope="col">Mutu</th></tr></thead>
<tbody>
${rows.map(
  (a, i) =>
    html`<tr data-article="${a.article}"><td class="num">${i + 1}</td><td class="title">${a.title ?? a.article}</td>${perOpd ? html`<td>${names.get(a.opd) ?? a.opd}</td>` : ''}<td class="num">${num(a.total)}</td><td class="num">${num(a.views)}</td><td class="num">${ikmText(a.ikm)}</td><td>${a.grade ?? '—'}</td></tr>`,
)}
</tbody>
</table>`
}`
}

const GRADES: Grade[] = ['A', 'B', 'C', 'D']

function worksheet(w: IkmWorksheet, number: number) {
  const n = w.total
  const steps =
    w.mean === null || w.scaled === null || w.ikm === null || w.band === null
      ? html`<li>Belum ada responden pada periode ini: rata-rata, IKM dan mutu tidak dihitung.</li>`
      : html`<li><span class="step">Jumlah nilai.</span> Setiap jawaban dikalikan nilainya:
<span class="formula">${w.terms.map((t) => `${t.value} × ${num(t.count)}`).join(' + ')} = ${num(w.ratingSum)}</span></li>
<li><span class="step">Rata-rata nilai.</span> <span class="formula">${num(w.ratingSum)} ÷ ${num(n)} = ${num(w.mean, 6)}</span></li>
<li><span class="step">Dikonversi ke skala 25–100.</span> <span class="formula">25 × ${num(w.mean, 6)} = ${num(w.scaled, 4)}</span></li>
<li><span class="step">Dibulatkan dua desimal.</span> IKM = <strong>${num(w.ikm, 2)}</strong></li>
<li><span class="step">Mutu pelayanan.</span> ${num(w.ikm, 2)} berada pada rentang ${num(w.band.low, 2)}–${num(w.band.high, 2)}, mutu <strong>${gradeText(w.grade)}</strong> (PermenPANRB 14/2017):
<table class="bands">
<thead><tr><th scope="col">Nilai IKM</th><th scope="col">Mutu</th><th scope="col">Kinerja</th></tr></thead>
<tbody>${GRADES.map((g) => {
          const band = gradeBand(g)
          return html`<tr><td class="num">${num(band.low, 2)}–${num(band.high, 2)}</td><td>${g}</td><td>${GRADE_MEANING[g].id}</td></tr>`
        })}</tbody>
</table></li>`
  const interval =
    w.interval === null || w.mean === null
      ? html`<li><span class="step">Interval kepercayaan 95 %.</span> Tidak dihitung: perlu sedikitnya dua responden.</li>`
      : html`<li><span class="step">Interval kepercayaan 95 %.</span> Simpangan baku nilai
<span class="formula">s = √(Σ jumlah × (nilai − ${num(w.mean, 6)})² ÷ (${num(n)} − 1)) = ${num(w.interval.sd, 4)}</span>,
galat baku <span class="formula">s ÷ √${num(n)} = ${num(w.interval.se, 4)}</span>, maka
<span class="formula">25 × (${num(w.mean, 6)} ± ${num(w.interval.z, 2)} × ${num(w.interval.se, 4)})</span> = <strong>${num(w.interval.low, 2)}–${num(w.interval.high, 2)}</strong> (dibatasi pada 25–100).</li>`
  const s = w.sample
  const sample =
    s.exact === null || s.required === null
      ? html`<li><span class="step">Ukuran sampel (Krejcie–Morgan).</span> Tidak dihitung: tidak ada pembaca tercatat.</li>`
      : html`<li><span class="step">Ukuran sampel (Krejcie–Morgan).</span> Populasi N = maks(dilihat, responden) = ${num(s.population)};
<span class="formula">s = χ² · N · P(1 − P) ÷ (d² · (N − 1) + χ² · P(1 − P))
= ${num(s.chiSquared, 3)} × ${num(s.population)} × ${num(s.p * (1 - s.p), 2)} ÷ (${num(s.d * s.d, 4)} × ${num(s.population - 1)} + ${num(s.chiSquared, 3)} × ${num(s.p * (1 - s.p), 2)}) = ${num(s.exact, 2)}</span>,
dibulatkan ke atas <strong>${num(s.required)}</strong> responden (χ² = ${num(s.chiSquared, 3)}, P = ${num(s.p, 1)}, d = ${num(s.d, 2)}).
Responden ${num(n)} ${s.adequate ? '≥' : '<'} ${num(s.required)}: <strong>${s.adequate ? 'sampel memadai' : 'sampel belum memadai'}</strong>.</li>`
  return html`<h2>${number}. Lembar perhitungan</h2>
<ol class="worksheet">
${steps}
${interval}
${sample}
</ol>`
}

export function laporanPage(doc: PublicationDocument, origin: string) {
  const f = scopeRow(doc)
  const jsonUrl = `${origin}/api/v1/public/publications/${doc.id}`
  const transparencyUrl = `${origin}/transparansi/${doc.site}`
  const pemda = doc.figures.total?.name ?? doc.site
  const showOpds = doc.opd === null && doc.figures.opds.length > 0
  const next = showOpds ? 3 : 2
  const body = html`<main class="sheet">
${letterhead(doc)}
<h1>Laporan Hasil Survei Kepuasan (indikatif)</h1>
<p class="subtitle">Periode <span data-figure="period">${periodText(doc.period)}</span> (${dayText(doc.from)} – ${dayText(doc.to)})</p>
<p class="meta">Nomor publikasi ${doc.id} · diterbitkan ${momentText(doc.published_at)}</p>
${f === undefined ? html`<p>Publikasi ini tidak memuat angka.</p>` : html`${summary(f)}${answers(f)}`}
${showOpds ? opdTable(doc.figures.opds) : ''}
${articleTable(doc, next)}
${f === undefined ? '' : worksheet(ikmWorksheet(f), next + 1)}
<h2>${next + 2}. Catatan</h2>
<p class="note">Indeks ini <strong>indikatif</strong>: dihitung dari satu pertanyaan, «Bagaimana Tanggapan Anda?», yang dijawab secara sukarela oleh pembaca halaman berita, bukan dari survei sembilan unsur pelayanan menurut PermenPANRB Nomor 14 Tahun 2017. Angka dibekukan pada saat publikasi dan tidak berubah sesudahnya; jawaban yang masuk kemudian tidak dihitung di sini.</p>
<footer class="foot">
<p>Sidik jari SHA-256 dokumen: <span class="hash" data-figure="sha256">${doc.sha256}</span></p>
<p>Data lengkap (JSON): <a href="${jsonUrl}">${jsonUrl}</a></p>
<p>Publikasi lain: <a href="${transparencyUrl}">${transparencyUrl}</a></p>
</footer>
</main>`
  return pageShell(
    `Laporan Hasil Survei Kepuasan ${periodText(doc.period)} — ${pemda}`,
    body,
    'laporan',
  )
}
