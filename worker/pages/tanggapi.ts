import { html } from 'hono/html'
import { COMMENT_MESSAGES } from '../../widget/comment/comment-messages'
import { MESSAGES } from '../../widget/app/messages'
import { MAX_COMMENT_CHARS } from '../domain/comments/limits'
import { REASONS } from '../domain/comments/reasons'
import { RATINGS } from '../domain/figures/rating-scale'
import type { Summary } from '../domain/figures/summary'
import type { ErrorCode } from '../errors'
import { isArticleUrl } from '../validation/fields'
import { num, pageShell } from './page-shell'

// The no-script page (docs/contract.md §10; docs/embedding.md «Without JavaScript»): the widget's
// question and four answers as one form, the figures so far, and after Cukup Puas or Tidak Puas
// the widget's «Apa yang kurang?» reasons and suggestion as a second form. Indonesian, or English
// when asked (`lang=en`), as the widget's data-lang; the widget's own words where it has them.

export type PageLang = 'id' | 'en'

export interface TanggapiArticle {
  site: string
  siteName: string
  opd: string
  opdName: string
  article: string
  /** The title the article's row holds, shown as the link back; null shows the address. */
  title: string | null
}

/** What the page shows beside the figures: the reader's follow-up was just stored. */
export interface TanggapiState {
  lang: PageLang
  sent: boolean
}

const WORDS = {
  id: {
    article: 'Berita',
    thanks: 'Terima kasih!',
    yourAnswer: 'Jawaban Anda',
    change: 'Pilih jawaban lain untuk mengubahnya.',
    cookie:
      'Halaman ini menyimpan satu cookie berisi nomor acak, agar jawaban Anda terhitung sekali dan dapat diubah; tidak ada data pribadi.',
    other: 'English',
    nothingStored: 'Tidak ada yang disimpan.',
  },
  en: {
    article: 'Article',
    thanks: 'Thank you!',
    yourAnswer: 'Your answer',
    change: 'Choose another to change it.',
    cookie:
      'This page keeps one cookie holding a random number, so that your answer counts once and can be changed; no personal data.',
    other: 'Bahasa Indonesia',
    nothingStored: 'Nothing was stored.',
  },
}

/** The page's own address, in the language asked for. */
export function pageHref(page: Pick<TanggapiArticle, 'site' | 'opd' | 'article'>, lang: PageLang) {
  const query = new URLSearchParams({ site: page.site, opd: page.opd, article: page.article })
  if (lang === 'en') query.set('lang', 'en')
  return `/tanggapi?${query}`
}

function articleLine(page: TanggapiArticle) {
  const name = page.title ?? page.article
  // Only a URL of one of the site's origins gets here (the route checks it): a link back.
  return isArticleUrl(page.article)
    ? html`<a href="${page.article}">${name}</a>`
    : page.title === null
      ? html`<code>${page.article}</code>`
      : html`${page.title}`
}

/** The page's hidden fields: the article, and the language when it is not the default. */
function articleFields(page: TanggapiArticle, lang: PageLang) {
  return html`<input type="hidden" name="site" value="${page.site}">
<input type="hidden" name="opd" value="${page.opd}">
<input type="hidden" name="article" value="${page.article}">${
    lang === 'en' ? html`\n<input type="hidden" name="lang" value="en">` : ''
  }`
}

/** «Apa yang kurang?» and «Apa yang bisa kami perbaiki?», as the widget's comment box asks them. */
function followUp(page: TanggapiArticle, { lang, sent }: TanggapiState) {
  const t = COMMENT_MESSAGES[lang]
  if (sent) return html`<p class="thanks" role="status">${t.thanks}</p>`
  return html`<form class="follow-up" method="post" action="/tanggapi/masukan">
${articleFields(page, lang)}
<fieldset>
<legend>${t.reasons}</legend>
${REASONS.map(
  (r) => html`<label><input type="checkbox" name="reasons" value="${r.key}"> ${r[lang]}</label>`,
)}
</fieldset>
<label for="text">${t.question}</label>
<small id="text-hint">${t.optional}</small>
<textarea id="text" name="text" rows="3" maxlength="${MAX_COMMENT_CHARS}" aria-describedby="text-hint"></textarea>
<input name="website" tabindex="-1" autocomplete="off" class="hp" aria-hidden="true">
<button type="submit">${t.send}</button>
</form>`
}

export function tanggapiPage(page: TanggapiArticle, summary: Summary, state: TanggapiState) {
  const { lang } = state
  const w = WORDS[lang]
  const yours = RATINGS.find((r) => r.value === summary.yours)
  const other = lang === 'en' ? 'id' : 'en'
  const body = html`<main class="page tanggapi">
<header>
  <p class="eyebrow">${page.siteName} · ${page.opdName}</p>
  <h1>${MESSAGES[lang].question}</h1>
  <p class="lang"><a href="${pageHref(page, other)}" lang="${other}">${w.other}</a></p>
</header>
<p class="article">${w.article}: ${articleLine(page)}</p>
${
  yours
    ? html`<p class="thanks" role="status"><strong>${w.thanks}</strong> ${w.yourAnswer}: <strong>${yours[lang]}</strong>.
  ${w.change}</p>`
    : ''
}
${yours && yours.value <= 2 ? followUp(page, state) : ''}
<form method="post" action="/tanggapi">
${articleFields(page, lang)}
<ul class="answers">
${RATINGS.map(
  (r) => html`<li${r === yours ? html` class="yours"` : ''}>
  <button type="submit" name="rating" value="${r.value}">${r[lang]}</button>
  <span class="percent">${summary.percentages[r.key]}%</span>
  <svg class="bar" aria-hidden="true" focusable="false"><rect class="track" width="100%" height="100%" rx="3"/><rect class="fill" width="${summary.percentages[r.key]}%" height="100%" rx="3"/></svg>
  ${r === yours ? html`<span class="mine">${w.yourAnswer}</span>` : ''}
</li>`,
)}
</ul>
</form>
<p class="total">${MESSAGES[lang].responses(num(summary.total))}</p>
<p class="cookie">${w.cookie}</p>
</main>`
  return pageShell(`${MESSAGES[lang].question} — Tanggapan`, body, 'transparansi', lang)
}

// What a reader is told when the link or the form was wrong; the API's own message follows.
const PROBLEMS: Partial<Record<ErrorCode, Record<PageLang, string>>> = {
  unknown_site: { id: 'Situs tidak dikenal', en: 'Unknown site' },
  article_not_registered: {
    id: 'Berita ini tidak terdaftar untuk situs tersebut',
    en: 'This article is not registered for that site',
  },
  placeholder_article: {
    id: 'Tautan ini belum berisi alamat berita',
    en: 'This link does not hold the article’s address yet',
  },
  origin_not_allowed: {
    id: 'Jawaban hanya dapat dikirim dari formulir di halaman ini',
    en: 'Answers can be sent only from the form on this page',
  },
  rate_limited: {
    id: 'Terlalu banyak jawaban dari jaringan Anda; coba lagi nanti',
    en: 'Too many answers from your network; try again later',
  },
  too_many_opds: {
    id: 'Situs ini tidak dapat menambah OPD baru',
    en: 'This site cannot add new OPDs',
  },
  no_response: {
    id: 'Pilih jawaban Anda untuk berita ini terlebih dahulu',
    en: 'Choose your answer to this article first',
  },
}

// A refused field of the follow-up form, told apart by the field its message names.
const FIELD_PROBLEMS: Record<string, Record<PageLang, string>> = {
  reasons: { id: 'Alasan tidak dikenal', en: 'Unknown reason' },
  text: {
    id: `Saran paling banyak ${MAX_COMMENT_CHARS} karakter`,
    en: `A suggestion is at most ${MAX_COMMENT_CHARS} characters`,
  },
}

const GENERIC = { id: 'Tautan atau isian tidak lengkap', en: 'The link or form is incomplete' }

export function tanggapiProblemPage(code: ErrorCode, message: string, lang: PageLang) {
  const field = code === 'invalid_request' ? /^(\w+)[.: ]/.exec(message)?.[1] : undefined
  const heading = ((field && FIELD_PROBLEMS[field]) || PROBLEMS[code] || GENERIC)[lang]
  return pageShell(
    `${heading} — Tanggapan`,
    html`<main class="page tanggapi missing"><h1>${heading}</h1>
<p class="detail" lang="en">${message}</p>
<p>${WORDS[lang].nothingStored}</p></main>`,
    'transparansi',
    lang,
  )
}
