import { html } from 'hono/html'
import { GRADE_MEANING, type Grade } from '../domain/figures/ikm'
import { gradeBand } from '../domain/figures/ikm-worksheet'
import { skmFigures } from '../skm/figures'
import type { SkmPublication } from '../skm/publication'
import { ELEMENTS, NOT_GIVEN, PROFILE_FIELDS } from '../skm/questionnaire'
import { skmWorksheet } from '../skm/worksheet'
import { dayText, gradeText, momentText, num, pageShell, periodText } from './page-shell'

// GET /laporan/:id of an SKM publication (docs/contract.md §14): the «Laporan Hasil Survei
// Kepuasan Masyarakat» in the structure PermenPANRB 14/2017 asks for: pendahuluan,
// pengumpulan data, hasil (with the worksheet), analisis and rencana tindak lanjut, the
// «Mengetahui» block, and the questionnaire with each element's tallies as an appendix.
// Every figure and name comes from the frozen document. The letterhead carries no logo: a
// site has none on record, and an image fetched from elsewhere would change a frozen report
// without changing its sha256 (docs/publications.md «Publikasi SKM»).

const GRADES: Grade[] = ['A', 'B', 'C', 'D']

const elementOf = (key: string) => ELEMENTS.find((e) => e.key === key) ?? ELEMENTS[0]

/** 19800101 200501 1 001: the NIP as it is printed under a signature. */
const nipText = (nip: string) =>
  `${nip.slice(0, 8)} ${nip.slice(8, 14)} ${nip.slice(14, 15)} ${nip.slice(15)}`

function unitName(doc: SkmPublication) {
  if (doc.service !== null) return `${doc.names.service ?? doc.service}`
  return doc.opd === null ? 'Seluruh unit layanan' : (doc.names.opd ?? doc.opd)
}

function letterhead(doc: SkmPublication) {
  const region =
    doc.names.region && doc.names.region_name
      ? html`<p class="wilayah">${doc.names.region_name} · kode wilayah ${doc.names.region}</p>`
      : ''
  return html`<header class="kop">
<p class="pemda">${doc.names.site}</p>
<p class="opd">${doc.opd === null ? 'Seluruh Perangkat Daerah' : (doc.names.opd ?? doc.opd)}</p>
${region}
</header>`
}

function pendahuluan(doc: SkmPublication) {
  return html`<h2>I. Pendahuluan</h2>
<p>Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik mewajibkan penyelenggara pelayanan
menilai kinerjanya secara berkala, dan Peraturan Menteri PANRB Nomor 14 Tahun 2017 menetapkan
Survei Kepuasan Masyarakat (SKM) sebagai cara mengukurnya, sedikitnya sekali setahun. Laporan
ini menyajikan hasil SKM <strong>${unitName(doc)}</strong>${doc.service !== null && doc.names.opd ? html` pada ${doc.names.opd}` : ''}
untuk periode ${periodText(doc.period)}, sebagai bahan perbaikan pelayanan dan untuk diumumkan
kepada masyarakat.</p>
<p>Tujuannya: mengetahui tingkat kepuasan pengguna layanan pada sembilan unsur pelayanan,
menemukan unsur yang paling perlu diperbaiki, dan menetapkan rencana tindak lanjutnya.</p>`
}

function pengumpulanData(doc: SkmPublication) {
  const f = doc.figures
  const sample =
    f.required_sample === null || f.population === null
      ? html`<p>Jumlah pengguna layanan (populasi) belum diisi, sehingga kecukupan sampel menurut
Krejcie dan Morgan tidak dinilai.</p>`
      : html`<p>Dengan populasi <span data-figure="population">${num(f.population)}</span> pengguna layanan per
periode, Krejcie dan Morgan meminta sedikitnya <span data-figure="required_sample">${num(f.required_sample)}</span> responden;
terkumpul ${num(f.respondents)}: <strong data-figure="sample_adequate">${f.sample_adequate ? 'sampel memadai' : 'sampel belum memadai'}</strong>.</p>`
  return html`<h2>II. Pengumpulan Data</h2>
<table>
<tbody>
<tr><th scope="row">Metode</th><td>Kuesioner sembilan unsur PermenPANRB 14/2017, jawaban 1–4, diisi sendiri oleh pengguna layanan secara elektronik (tautan atau kode QR di loket), tanpa nama</td></tr>
<tr><th scope="row">Periode</th><td>${periodText(doc.period)}: ${dayText(doc.from)} – ${dayText(doc.to)}</td></tr>
<tr><th scope="row">Jumlah responden</th><td class="num" data-figure="respondents">${num(f.respondents)}</td></tr>
<tr><th scope="row">Sampel minimum (Krejcie–Morgan)</th><td class="num">${f.required_sample === null ? '—' : num(f.required_sample)}</td></tr>
</tbody>
</table>
${sample}
<h3>Responden menurut profil</h3>
<div class="profiles">
${PROFILE_FIELDS.map((field) => {
  const counts = f.profile[field.key] ?? {}
  const options = [...field.options, NOT_GIVEN]
  return html`<table>
<thead><tr><th scope="col">${field.label.id}</th><th scope="col" class="num">Jumlah</th><th scope="col" class="num">%</th></tr></thead>
<tbody>${options.map((o) => {
    const n = counts[o.value] ?? 0
    const share = f.respondents === 0 ? 0 : (100 * n) / f.respondents
    return html`<tr><td>${o.id}</td><td class="num">${num(n)}</td><td class="num">${num(share, 1)}</td></tr>`
  })}</tbody>
</table>`
})}
</div>`
}

function hasil(doc: SkmPublication) {
  const f = doc.figures
  const services =
    doc.service === null && doc.services.length > 0
      ? html`<h3>Per unit layanan</h3>
<table>
<thead><tr><th scope="col">Layanan</th><th scope="col" class="num">Responden</th><th scope="col" class="num">IKM</th><th scope="col">Mutu</th></tr></thead>
<tbody>${doc.services.map(
          (s) =>
            html`<tr data-service="${s.service}"><td class="title">${s.name}</td><td class="num">${num(s.respondents)}</td><td class="num">${num(s.ikm_skm, 2)}</td><td>${s.grade}</td></tr>`,
        )}</tbody>
</table>`
      : ''
  return html`<h2>III. Hasil</h2>
<section class="summary" aria-label="Ringkasan">
<div class="score">
<span class="label">Indeks Kepuasan Masyarakat</span>
<span class="ikm" data-figure="ikm_skm">${num(f.ikm_skm, 2)}</span>
<span class="grade">Mutu <span data-figure="grade">${gradeText(f.grade)}</span></span>
</div>
<table>
<caption>Nilai per unsur</caption>
<thead><tr><th scope="col">Unsur</th><th scope="col" class="num">NRR</th><th scope="col" class="num">NRR × 25</th><th scope="col">Mutu</th></tr></thead>
<tbody>${ELEMENTS.map(
    (e) =>
      html`<tr><th scope="row">${e.code} ${e.name.id}</th><td class="num" data-nrr="${e.key}">${num(f.nrr[e.key], 2)}</td><td class="num">${num(f.nrr[e.key] * 25, 2)}</td><td>${f.element_grades[e.key] ?? '—'}</td></tr>`,
  )}</tbody>
</table>
</section>
${services}
${worksheet(doc)}`
}

function worksheet(doc: SkmPublication) {
  const f = doc.figures
  // The steps are worked out again from the frozen tallies; the results shown are the frozen ones.
  const w = skmWorksheet(
    skmFigures({ respondents: f.respondents, elements: f.tallies }, { population: f.population }),
  )
  const n = f.respondents
  const band = gradeBand(f.grade)
  const note = w.weight0111?.note
  return html`<h3>Lembar perhitungan</h3>
<table class="tally">
<thead><tr><th scope="col">Unsur</th><th scope="col" class="num">1</th><th scope="col" class="num">2</th><th scope="col" class="num">3</th><th scope="col" class="num">4</th><th scope="col" class="num">Jumlah nilai</th><th scope="col" class="num">NRR</th><th scope="col" class="num">NRR × 1/9</th></tr></thead>
<tbody>${w.rows.map(
    (r) =>
      html`<tr><th scope="row">${r.code}</th>${r.tally.map((t) => html`<td class="num">${num(t)}</td>`)}<td class="num">${num(r.sum)}</td><td class="num">${r.nrr === null ? '—' : num(r.nrr, 2)}</td><td class="num">${r.weighted === null ? '—' : num(r.weighted, 3)}</td></tr>`,
  )}</tbody>
<tfoot><tr><td>Jumlah</td><td></td><td></td><td></td><td></td><td class="num">${num(w.total.sum)}</td><td class="num">${w.total.nrr === null ? '—' : num(w.total.nrr, 2)}</td><td class="num">${w.total.weighted === null ? '—' : num(w.total.weighted, 3)}</td></tr></tfoot>
</table>
<ol class="worksheet">
<li><span class="step">Jumlah nilai per unsur.</span> <span class="formula">1 × n1 + 2 × n2 + 3 × n3 + 4 × n4</span> (kolom «Jumlah nilai»).</li>
<li><span class="step">NRR per unsur.</span> <span class="formula">jumlah nilai ÷ ${num(n)} responden</span>.</li>
<li><span class="step">IKM.</span> <span class="formula">25 × Σ NRR × 1/9 = 25 × ${num(w.total.sum)} ÷ (9 × ${num(n)}) = ${num(w.scaled ?? 0, 4)}</span>,
dibulatkan dua desimal (setengah ke atas): <strong>${num(f.ikm_skm, 2)}</strong>.</li>
<li><span class="step">Mutu pelayanan.</span> ${num(f.ikm_skm, 2)} berada pada rentang ${num(band.low, 2)}–${num(band.high, 2)}, mutu <strong>${gradeText(f.grade)}</strong> (PermenPANRB 14/2017):
<table class="bands">
<thead><tr><th scope="col">Nilai IKM</th><th scope="col">Mutu</th><th scope="col">Kinerja</th></tr></thead>
<tbody>${GRADES.map((g) => {
    const b = gradeBand(g)
    return html`<tr><td class="num">${num(b.low, 2)}–${num(b.high, 2)}</td><td>${g}</td><td>${GRADE_MEANING[g].id}</td></tr>`
  })}</tbody>
</table></li>
${note ? html`<li class="w0111" data-figure="ikm_skm_0111"><span class="step">Bobot 0,111.</span> ${note.id}</li>` : ''}
${
  w.sample === null
    ? ''
    : html`<li><span class="step">Ukuran sampel (Krejcie–Morgan).</span> <span class="formula">s = χ² · N · P(1 − P) ÷ (d² · (N − 1) + χ² · P(1 − P)) = ${num(w.sample.exact, 2)}</span>
dengan N = ${num(w.sample.population)}, χ² = ${num(w.sample.chiSquared, 3)}, P = ${num(w.sample.p, 1)}, d = ${num(w.sample.d, 2)}; dibulatkan ke atas ${num(w.sample.required)} responden.</li>`
}
</ol>`
}

function analisis(doc: SkmPublication) {
  const f = doc.figures
  const [first, second] = f.weakest
  const strongest = f.weakest.at(-1)
  const named = (key: string | undefined) =>
    key === undefined
      ? ''
      : html`${elementOf(key).code} ${elementOf(key).name.id} (NRR ${num(f.nrr[key as keyof typeof f.nrr], 2)})`
  return html`<h2>IV. Analisis dan Rencana Tindak Lanjut</h2>
<p>Indeks kepuasan ${num(f.ikm_skm, 2)} menempatkan pelayanan pada mutu ${gradeText(f.grade)}.
Unsur dengan nilai terendah, yang didahulukan dalam perbaikan, adalah <strong data-figure="weakest">${named(first)}</strong>${second === undefined ? '' : html`, lalu ${named(second)}`}.
Unsur dengan nilai tertinggi adalah ${named(strongest)}.</p>
<ol class="priorities">${f.weakest.map(
    (k) =>
      html`<li data-weakest="${k}">${elementOf(k).code} ${elementOf(k).name.id}: ${num(f.nrr[k], 2)}</li>`,
  )}</ol>
<h3>Rencana tindak lanjut</h3>
<table class="rtl">
<thead><tr><th scope="col" class="num">No</th><th scope="col">Unsur</th><th scope="col">Program/kegiatan</th><th scope="col">Waktu</th><th scope="col">Penanggung jawab</th></tr></thead>
<tbody>${doc.rtl.map(
    (r, i) =>
      html`<tr><td class="num">${i + 1}</td><td>${elementOf(r.element).code} ${elementOf(r.element).name.id}</td><td class="title">${r.programme}</td><td>${r.time}</td><td>${r.responsible}</td></tr>`,
  )}</tbody>
</table>`
}

function mengetahui(doc: SkmPublication) {
  const m = doc.mengetahui
  return html`<section class="ttd" aria-label="Mengetahui">
<p>Mengetahui,</p>
<p>${m.position}</p>
<p class="nama">${m.name}</p>
<p>NIP ${nipText(m.nip)}</p>
</section>`
}

function lampiran(doc: SkmPublication) {
  const f = doc.figures
  return html`<h2 class="lampiran">Lampiran: Kuesioner dan Jawaban per Unsur</h2>
<ol class="questionnaire">${doc.questionnaire.map((q) => {
    const e = elementOf(q.key)
    const tally = f.tallies[q.key]
    return html`<li><p><strong>${e.code} ${e.name.id}.</strong> ${q.question.id}</p>
<table class="answers-tally">
<tbody><tr>${e.answers.map(
      (a, i) =>
        html`<td><span class="value">${i + 1}</span> ${a.id}: <strong data-tally="${q.key}-${i + 1}">${num(tally[i])}</strong></td>`,
    )}</tr></tbody>
</table></li>`
  })}</ol>`
}

export function laporanSkmPage(doc: SkmPublication, origin: string) {
  const jsonUrl = `${origin}/api/v1/public/publications/${doc.id}`
  const transparencyUrl = `${origin}/transparansi/${doc.site}`
  const body = html`<main class="sheet skm">
${letterhead(doc)}
<h1>Laporan Hasil Survei Kepuasan Masyarakat</h1>
<p class="subtitle">${unitName(doc)}</p>
<p class="subtitle">Periode <span data-figure="period">${periodText(doc.period)}</span> (${dayText(doc.from)} – ${dayText(doc.to)})</p>
<p class="meta">Nomor publikasi ${doc.id} · diterbitkan ${momentText(doc.published_at)}</p>
${pendahuluan(doc)}
${pengumpulanData(doc)}
${hasil(doc)}
${analisis(doc)}
${mengetahui(doc)}
${lampiran(doc)}
<footer class="foot">
<p>Angka dibekukan pada saat publikasi dan tidak berubah sesudahnya. Sidik jari SHA-256 dokumen: <span class="hash" data-figure="sha256">${doc.sha256}</span></p>
<p>Data lengkap (JSON): <a href="${jsonUrl}">${jsonUrl}</a></p>
<p>Publikasi lain: <a href="${transparencyUrl}">${transparencyUrl}</a></p>
</footer>
</main>`
  return pageShell(
    `Laporan Hasil Survei Kepuasan Masyarakat ${periodText(doc.period)} — ${unitName(doc)} — ${doc.names.site}`,
    body,
    'laporan',
  )
}
