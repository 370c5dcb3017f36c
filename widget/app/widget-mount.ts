import { Fragment, h, options, render } from 'preact'
import { RATINGS, type RatingValue } from '../../worker/domain/figures/rating-scale'
import type { Report } from '../loader/widget'
import partsCss from '../ui/answer-parts.css'
import { barWidths } from '../ui/answer-parts'
import { readOptions, type WidgetArticle } from '../widget-config'
import { AnswerBox } from './answer-box'
import { answerOf, apiRequest } from './api-client'
import { randomUuid, readerId } from './reader-id'
import { MESSAGES } from './messages'
import { enqueue, flushQueue, type OfflineQueue } from './offline-queue'
import { withAnswer } from './optimistic'
import { movedFocus } from './roving-focus'
import css from './styles.css'
import type { WidgetSummary } from './widget-summary'

// The versioned chunk the loader imports near the viewport: each widget's state and requests,
// drawn by Preact (answer-box.tsx). One reader id and one offline queue per page.

// The comment chunk takes Preact from here rather than bundling its own (scripts/build-widget.ts
// checks that it finds what it imports): the reader downloads it once, and the comment box
// renders in the same tree as the answers.
export { Fragment, options }

/** The comment box's chunk. */
type CommentModule = typeof import('../comment/comment-box')

const queue: OfflineQueue = new Map()
/**
 * The reader's id, once one is needed: the kept one, else the one the page view's answer
 * made (the loader sent none or an invalid one), else a new one; kept for next time.
 */
let reader: string | undefined
const readerOf = (made?: string) =>
  (reader ||= readerId(() => localStorage, made ? () => made : randomUuid))
let baseSheet: CSSStyleSheet | undefined

addEventListener('online', () =>
  flushQueue(queue, (item) => apiRequest(item.api + 'responses', item.body)),
)

function sheet(text: string): CSSStyleSheet {
  const s = new CSSStyleSheet()
  s.replaceSync(text)
  return s
}

export function mount(
  host: HTMLElement,
  page: WidgetArticle,
  api: string,
  report: Report,
  visit: Promise<Response>,
): void {
  const root = host.shadowRoot!
  const config = { ...page, ...readOptions(host.dataset) }
  const { opd, article, title, lang } = config
  // Unreachable (a network error or the timeout) or 5xx: the API's fault, not the reader's.
  const failed = (error: unknown) => {
    if (!((error as number) < 500)) report('api', opd)
  }
  const t = MESSAGES[lang]
  const format = (n: number) => n.toLocaleString(lang)
  // Per widget: the bar widths, as a sheet since a strict CSP refuses style=.
  const bars = sheet('')
  // The loader's sheet stays first: it reserves the height the box keeps (no layout shift).
  root.adoptedStyleSheets = [
    root.adoptedStyleSheets[0],
    (baseSheet ||= sheet(__TANGGAPAN_PALETTE__ + partsCss + css)),
    bars,
  ]

  let confirmed: WidgetSummary | null = null
  let shown: WidgetSummary | null = null
  let status = ''
  // The live region's text: what a screen reader says after an answer.
  let spoken = ''
  let focus = -1
  let answers = 0
  // What the page view answered beside the summary (answers sent later do not carry it).
  let replies = 0
  let reasons: string[] = []
  // The comment box and the article's replies are a chunk of their own (widget/comment/),
  // imported only when either is shown; drawn after the box, the comment box taking the focus
  // only when the reader opened it. The replies show with the comment box, or when the reader
  // opens them from their count.
  let commentChunk: CommentModule | undefined
  let commenting = false
  let commentFocus = false
  let repliesOpen = false
  const load = () =>
    import(__TANGGAPAN_COMMENT__).then((m: CommentModule) => {
      if (!commentChunk) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet(m.css)]
      commentChunk = m
      draw()
    })
  const comment = (focus?: unknown) => {
    if (!commenting) {
      commentFocus = !!focus
      commenting = repliesOpen = true
    }
    load()
  }
  const onReplies = () => {
    repliesOpen = !repliesOpen
    load()
  }

  const indexOf = (value?: number | null) => RATINGS.findIndex((r) => r.value === value)
  // Roving tabindex: the focused answer, else the reader's own, else the first holds the Tab stop.
  const tabStop = () => (focus < 0 ? Math.max(0, indexOf(shown?.yours)) : focus)
  const percentsOf = (s: WidgetSummary) => RATINGS.map((r) => s.percentages[r.key])

  const onKeyDown = (event: KeyboardEvent) => {
    const next = movedFocus(event.key, tabStop(), 4)
    if (next === undefined) return
    event.preventDefault()
    focus = next
    draw()
    root.querySelectorAll<HTMLElement>('[role=radio]')[next].focus()
  }
  const onFocusAnswer = (i: number) => {
    focus = i
    draw()
  }

  /**
   * Shows the state. A new status `message` is also said in the live region, with `extra`
   * for screen readers only (the results); redrawing with the same message says nothing again.
   */
  function draw(text = status, extra = '') {
    if (extra || text !== status) spoken = text + extra
    status = text
    const results = shown && (!config.resultsAfter || shown.yours) ? percentsOf(shown) : null
    const views = shown ? t.views(format(shown.views)) : ''
    bars.replaceSync(results ? barWidths(results) : '')
    render(
      h(
        Fragment,
        null,
        h(AnswerBox, {
          lang,
          t,
          results,
          yours: shown?.yours,
          tabStop: tabStop(),
          counts: results ? t.responses(format(shown!.total)) + ' · ' + views : views,
          message: status || (shown && !results ? t.resultsAfter : ''),
          spoken,
          onAnswer: answer,
          onFocusAnswer,
          onKeyDown,
          onFeedback: comment,
          replies,
          repliesOpen,
          onReplies,
        }),
        commentChunk &&
          commenting &&
          h(commentChunk.default, {
            target: config,
            api,
            reader: readerOf(),
            focus: commentFocus,
            reasons,
          }),
        commentChunk &&
          repliesOpen &&
          replies > 0 &&
          h(commentChunk.Replies, { article, api, lang, label: t.replies }),
      ),
      root,
    )
  }

  /** What the server confirmed (null: it refused), shown unless a newer answer is on its way. */
  const settle = (summary: WidgetSummary | null, mine: number) => {
    if (summary) confirmed = summary
    if (mine !== answers) return
    shown = summary || confirmed // a refusal rolls back to what the server last confirmed
    draw(summary ? t.thanks : t.failed)
  }

  async function answer(rating: RatingValue) {
    const mine = ++answers
    const body = { opd, article, title, rating, reader: readerOf() }
    const wait = () => {
      enqueue(queue, { api, body, done: (summary) => settle(summary, mine) })
      draw(t.offline)
    }
    focus = indexOf(rating)
    if (shown) shown = withAnswer(shown, rating)
    // Said at once, with the results (the optimistic state is the reader's answer).
    draw(
      t.thanks,
      shown ? RATINGS.map((r) => ` ${r[lang]} ${shown!.percentages[r.key]}%`).join() : ' ',
    )
    if (rating < 3) comment()
    if (!navigator.onLine) return wait()
    try {
      settle(await apiRequest(api + 'responses', body), mine)
    } catch (error) {
      if (navigator.onLine) {
        settle(null, mine)
        failed(error)
      } else wait()
    }
  }

  draw()
  // The page view's one request, which the loader sent as the chunk loaded: it counted the view.
  answerOf(visit).then(
    (summary) => {
      readerOf(summary.reader)
      replies = summary.replies!
      reasons = summary.reasons!
      confirmed = summary
      if (!answers) shown = summary
      draw()
    },
    (error) => {
      draw(t.loadFailed)
      failed(error)
    },
  )
}
