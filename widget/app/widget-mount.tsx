/** @jsxRuntime classic */
/** @jsx h */
// (Preact's h is already in the bundle for render; the automatic runtime would add its own.)
// biome-ignore lint/correctness/noUnusedImports: the classic JSX runtime above compiles to h()
import { h, render } from 'preact'
import { RATINGS, type RatingValue } from '../../worker/domain/rating-scale'
import type { WidgetConfig } from '../widget-config'
import { apiRequest } from './api-client'
import { MESSAGES } from './messages'
import { enqueue, flushQueue, type OfflineQueue } from './offline-queue'
import { withAnswer } from './optimistic'
import { readerId } from './reader-id'
import { movedFocus } from './roving-focus'
import css from './styles.css'
import type { WidgetSummary } from './widget-summary'

// The versioned chunk the loader imports near the viewport: each widget's state, requests
// and view. One reader id and one offline queue per page.

/**
 * One per answer, in contract order, as on the pages the widget replaces. U+FE0F asks for the
 * colour emoji even where a text font (DejaVu, on many Linux desktops) has a plain glyph.
 */
const EMOJI = ['😍\ufe0f', '🙂\ufe0f', '😐\ufe0f', '😞\ufe0f']

const reader = readerId(() => localStorage)
const queue: OfflineQueue = new Map()
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
  root: ShadowRoot,
  config: WidgetConfig,
  api: string,
): void {
  const { opd, article, title, lang } = config
  const t = MESSAGES[lang]
  const format = (n: number) => n.toLocaleString(lang)
  // Per widget: the bar widths, as a sheet since a strict CSP refuses style=.
  const bars = sheet('')
  // The loader's sheet stays first: it reserves the height the box keeps (no layout shift).
  root.adoptedStyleSheets = [root.adoptedStyleSheets[0], (baseSheet ||= sheet(css)), bars]

  let confirmed: WidgetSummary | null = null
  let shown: WidgetSummary | null = null
  let status = ''
  // The live region's text: what a screen reader says after an answer.
  let spoken = ''
  let focus = -1
  let answers = 0
  // The comment box is a chunk of its own (widget/comment/), imported only when it is shown.
  const comment = (focus?: unknown) =>
    import(__TANGGAPAN_COMMENT__).then((m) => m.default(root, config, api, reader, focus))

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
    root.querySelectorAll('button')[next].focus()
  }

  /**
   * Renders the box. A new status `message` is also said in the live region, with `extra`
   * for screen readers only (the results); redrawing with the same message says nothing again.
   */
  function draw(message = status, extra = '') {
    if (extra || message !== status) spoken = message + extra
    status = message
    const results = shown && (!config.resultsAfter || shown.yours) ? percentsOf(shown) : null
    const views = shown ? t.views(format(shown.views)) : ''
    bars.replaceSync(results ? results.map((p, i) => `.o${i} .f{width:${p}%}`).join('') : '')
    render(
      <div class={results ? 't' : 't h'} lang={lang}>
        <p class="q" id="q">
          {t.question}
        </p>
        <div class="g" role="radiogroup" aria-labelledby="q" onKeyDown={onKeyDown}>
          {RATINGS.map((r, i) => (
            <button
              type="button"
              role="radio"
              class={'o o' + i}
              aria-checked={shown?.yours === r.value}
              tabIndex={i === tabStop() ? 0 : -1}
              onClick={() => answer(r.value)}
              onFocus={() => {
                focus = i
                draw()
              }}
            >
              <span class="e" aria-hidden="true">
                {EMOJI[i]}
              </span>
              <span class="l">{r[lang]}</span>
              <span class="p">{results && results[i] + '%'}</span>
              <span class="b">
                <span class="f" />
              </span>
            </button>
          ))}
        </div>
        <p class="n">{results ? t.responses(format(shown!.total)) + ' · ' + views : views}</p>
        <p class="m" aria-hidden="true">
          {status || (shown && !results && t.resultsAfter)}
        </p>
        <p class="v" role="status">
          {spoken}
        </p>
        {/* In the last line of the reserved height: the page below does not move. */}
        {shown?.yours && (
          <button class="k" onClick={comment}>
            {t.feedback}
          </button>
        )}
      </div>,
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
    const body = { opd, article, title, rating, reader }
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
    } catch {
      if (navigator.onLine) settle(null, mine)
      else wait()
    }
  }

  draw()
  apiRequest(`${api}summary?${new URLSearchParams({ article, opd, reader })}`).then(
    (summary) => {
      confirmed = summary
      if (!answers) shown = summary
      draw()
    },
    () => draw(t.loadFailed),
  )

  // The «Dilihat» count: once, when the widget itself is on screen (not merely near it).
  const seen = new IntersectionObserver((entries) => {
    if (!entries[0].isIntersecting) return
    seen.disconnect()
    apiRequest(api + 'views', { opd, article, title, reader }).catch(() => {})
  })
  seen.observe(host)
}
