/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
// biome-ignore lint/correctness/noUnusedImports: the JSX below compiles to h() and Fragment
import { Fragment, h } from 'preact'
import { renderToString } from 'preact-render-to-string'
import { COMMENT_MESSAGES } from '../../widget/comment/comment-messages'
import { MESSAGES } from '../../widget/app/messages'
import { Face } from '../../widget/ui/answer-parts'
import { MAX_COMMENT_CHARS } from '../domain/comments/limits'
import { REASONS } from '../domain/comments/reasons'
import { RATINGS } from '../domain/figures/rating-scale'
import type { Summary } from '../domain/figures/summary'

// What the no-script page shares with the widget, drawn by the widget's own parts and words:
// the question, the four answers with their faces, percentages and bars, the reasons and the
// suggestion. Preact renders them here on the server (preact-render-to-string escapes every
// text and attribute); the page (tanggapi.ts) sets them in its shell. Forms, not scripts: each
// answer is a submit button, each reason a checkbox, so the page works with its CSP of no script.

type Lang = 'id' | 'en'
type Rating = (typeof RATINGS)[number]

/** The article a form speaks of, as hidden fields; the language only when it is not the default. */
export interface FormTarget {
  site: string
  opd: string
  article: string
  lang: Lang
}

/** What the page says around the reader's answer; its own words, not the widget's. */
export interface AnswerWords {
  thanks: string
  yourAnswer: string
  change: string
}

const ArticleFields = ({ site, opd, article, lang }: FormTarget) => (
  <>
    <input type="hidden" name="site" value={site} />
    <input type="hidden" name="opd" value={opd} />
    <input type="hidden" name="article" value={article} />
    {lang === 'en' && <input type="hidden" name="lang" value="en" />}
  </>
)

/**
 * A result bar as SVG: its width is an attribute, where the widget's bar takes it from a
 * stylesheet it writes (the page's CSP allows no inline style). Coloured by the page's sheet.
 */
const ResultBar = ({ percent }: { percent: number }) => (
  <svg class="bar" aria-hidden="true" focusable="false">
    <rect class="track" width="100%" height="100%" rx="3" />
    <rect class="fill" width={`${percent}%`} height="100%" rx="3" />
  </svg>
)

/** «Apa yang kurang?» and «Apa yang bisa kami perbaiki?», as the widget's comment box asks them. */
function FollowUp({ target, sent }: { target: FormTarget; sent: boolean }) {
  const t = COMMENT_MESSAGES[target.lang]
  if (sent)
    return (
      <p class="thanks" role="status">
        {t.thanks}
      </p>
    )
  return (
    <form class="follow-up" method="post" action="/tanggapi/masukan">
      <ArticleFields {...target} />
      <fieldset>
        <legend>{t.reasons}</legend>
        {REASONS.map((r) => (
          <label>
            <input type="checkbox" name="reasons" value={r.key} /> {r[target.lang]}
          </label>
        ))}
      </fieldset>
      <label for="text">{t.question}</label>
      <small id="text-hint">{t.optional}</small>
      <textarea
        id="text"
        name="text"
        rows={3}
        maxlength={MAX_COMMENT_CHARS}
        aria-describedby="text-hint"
      />
      {/* The honeypot, as in the widget's comment box. */}
      <input name="website" tabIndex={-1} autocomplete="off" class="hp" aria-hidden="true" />
      <button type="submit">{t.send}</button>
    </form>
  )
}

interface AnswersProps {
  target: FormTarget
  summary: Summary
  words: AnswerWords
  /** The reader's follow-up was just stored. */
  sent: boolean
}

function Answers({ target, summary, words, sent }: AnswersProps) {
  const { lang } = target
  const yours: Rating | undefined = RATINGS.find((r) => r.value === summary.yours)
  return (
    <>
      {yours && (
        <p class="thanks" role="status">
          <strong>{words.thanks}</strong> {words.yourAnswer}: <strong>{yours[lang]}</strong>.{' '}
          {words.change}
        </p>
      )}
      {yours && yours.value <= 2 && <FollowUp target={target} sent={sent} />}
      <form method="post" action="/tanggapi">
        <ArticleFields {...target} />
        <ul class="answers">
          {RATINGS.map((r, i) => (
            <li class={r === yours ? 'yours' : undefined}>
              <button type="submit" name="rating" value={String(r.value)}>
                <Face index={i} />
                <span>{r[lang]}</span>
              </button>
              <span class="percent">{`${summary.percentages[r.key]}%`}</span>
              <ResultBar percent={summary.percentages[r.key]} />
              {r === yours && <span class="mine">{words.yourAnswer}</span>}
            </li>
          ))}
        </ul>
      </form>
    </>
  )
}

/** The widget's question, as the page's heading. */
export const questionHtml = (lang: Lang) => renderToString(<h1>{MESSAGES[lang].question}</h1>)

/** The reader's answer, the follow-up after Cukup Puas or Tidak Puas, and the answers' form. */
export const answersHtml = (props: AnswersProps) => renderToString(<Answers {...props} />)
