import { html, raw } from 'hono/html'
import { MESSAGES } from '../../widget/app/messages'
import { MAX_COMMENT_CHARS } from '../domain/comments/limits'
import type { Summary } from '../domain/figures/summary'
import type { ErrorCode } from '../errors'
import { isArticleUrl } from '../validation/fields'
import { num, pageShell } from './page-shell'
import { answersHtml, questionHtml } from './tanggapi-parts'

// The no-script page (docs/contract.md §10; docs/embedding.md «Without JavaScript»): the widget's
// question and four answers as one form, the figures so far, and after Cukup Puas or Tidak Puas
// the widget's «Apa yang kurang?» reasons and suggestion as a second form. Indonesian, or English
// when asked (`lang=en`), as the widget's data-lang. The parts it shares with the widget are
// tanggapi-parts.tsx (Preact, rendered here); the rest, the article's title among it, hono/html.

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

export function tanggapiPage(page: TanggapiArticle, summary: Summary, state: TanggapiState) {
  const { lang, sent } = state
  const w = WORDS[lang]
  const other = lang === 'en' ? 'id' : 'en'
  const target = { site: page.site, opd: page.opd, article: page.article, lang }
  // The only markup not written here: the shared parts, which Preact has escaped already.
  const question = raw(questionHtml(lang))
  const answers = raw(answersHtml({ target, summary, words: w, sent }))
  const body = html`<main class="page tanggapi">
<header>
  <p class="eyebrow">${page.siteName} · ${page.opdName}</p>
  ${question}
  <p class="lang"><a href="${pageHref(page, other)}" lang="${other}">${w.other}</a></p>
</header>
<p class="article">${w.article}: ${articleLine(page)}</p>
${answers}
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
