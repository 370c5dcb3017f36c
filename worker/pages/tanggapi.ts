import { html } from 'hono/html'
import { RATINGS } from '../domain/figures/rating-scale'
import type { Summary } from '../domain/figures/summary'
import type { ErrorCode } from '../errors'
import { isArticleUrl } from '../validation/fields'
import { num, pageShell } from './page-shell'

// The no-script page (docs/contract.md §10; docs/embedding.md «Without JavaScript»): the widget's question and
// four answers as one HTML form, and the figures so far. Indonesian first, English after.

export interface TanggapiArticle {
  site: string
  siteName: string
  opd: string
  opdName: string
  article: string
}

function articleLine(article: string) {
  // Only a URL of one of the site's origins gets here (the route checks it): a link back.
  return isArticleUrl(article)
    ? html`<a href="${article}">${article}</a>`
    : html`<code>${article}</code>`
}

export function tanggapiPage(page: TanggapiArticle, summary: Summary) {
  const yours = RATINGS.find((r) => r.value === summary.yours)
  const body = html`<main class="page tanggapi">
<header>
  <p class="eyebrow">${page.siteName} · ${page.opdName}</p>
  <h1>Bagaimana Tanggapan Anda?</h1>
  <p class="en" lang="en">What is your response?</p>
</header>
<p class="article">Berita <span class="en" lang="en">/ Article</span>: ${articleLine(page.article)}</p>
${
  yours
    ? html`<p class="thanks" role="status"><strong>Terima kasih!</strong> Jawaban Anda: <strong>${yours.id}</strong>.
  <span lang="en">Thank you! Your answer: ${yours.en}.</span>
  Pilih jawaban lain untuk mengubahnya. <span lang="en">Choose another to change it.</span></p>`
    : ''
}
<form method="post" action="/tanggapi">
<input type="hidden" name="site" value="${page.site}">
<input type="hidden" name="opd" value="${page.opd}">
<input type="hidden" name="article" value="${page.article}">
<ul class="answers">
${RATINGS.map(
  (r) => html`<li${r === yours ? html` class="yours"` : ''}>
  <button type="submit" name="rating" value="${r.value}">${r.id} <span class="en" lang="en">${r.en}</span></button>
  <span class="percent">${summary.percentages[r.key]}%</span>
  <meter min="0" max="100" value="${summary.percentages[r.key]}" aria-hidden="true"></meter>
  ${r === yours ? html`<span class="mine">Jawaban Anda <span lang="en">/ Your answer</span></span>` : ''}
</li>`,
)}
</ul>
</form>
<p class="total">${num(summary.total)} tanggapan <span class="en" lang="en">/ responses</span></p>
<p class="cookie">Halaman ini menyimpan satu cookie berisi nomor acak, agar jawaban Anda terhitung sekali
  dan dapat diubah; tidak ada data pribadi. <span lang="en">This page keeps one cookie holding a random
  number, so that your answer counts once and can be changed; no personal data.</span></p>
</main>`
  return pageShell('Bagaimana Tanggapan Anda? — Tanggapan', body, 'transparansi')
}

// What a reader is told when the link or the form was wrong; the API's own message follows.
const PROBLEMS: Partial<Record<ErrorCode, [id: string, en: string]>> = {
  unknown_site: ['Situs tidak dikenal', 'Unknown site'],
  article_not_registered: [
    'Berita ini tidak terdaftar untuk situs tersebut',
    'This article is not registered for that site',
  ],
  placeholder_article: [
    'Tautan ini belum berisi alamat berita',
    'This link does not hold the article’s address yet',
  ],
  origin_not_allowed: [
    'Jawaban hanya dapat dikirim dari formulir di halaman ini',
    'Answers can be sent only from the form on this page',
  ],
  rate_limited: [
    'Terlalu banyak jawaban dari jaringan Anda; coba lagi nanti',
    'Too many answers from your network; try again later',
  ],
  too_many_opds: ['Situs ini tidak dapat menambah OPD baru', 'This site cannot add new OPDs'],
}

const GENERIC: [string, string] = [
  'Tautan atau isian tidak lengkap',
  'The link or form is incomplete',
]

export function tanggapiProblemPage(code: ErrorCode, message: string) {
  const [id, en] = PROBLEMS[code] ?? GENERIC
  return pageShell(
    `${id} — Tanggapan`,
    html`<main class="page tanggapi missing"><h1>${id}</h1><p class="en" lang="en">${en}</p>
<p class="detail" lang="en">${message}</p>
<p>Tidak ada yang disimpan. <span lang="en">Nothing was stored.</span></p></main>`,
    'transparansi',
  )
}
