import { RATINGS, type RatingValue } from '../../worker/domain/figures/rating-scale'
import type { Report } from '../loader/widget'
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
//
// Plain DOM, no Preact (docs/embedding.md «Why no Preact in the widget»): the box is one fixed tree of 26 nodes built
// once, and a draw only sets texts and attributes, which is all a virtual DOM's diff would
// do here; Preact alone was 4.8 KB of the 8 KB answer path. Texts go in as textContent, so
// nothing is ever parsed as markup.

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

/** A new element with its class, appended to `parent` (appendChild: see comment-box.ts). */
function add<E extends HTMLElement = HTMLElement>(parent: Node, tag: string, className: string): E {
  const e = document.createElement(tag) as E
  e.className = className
  parent.appendChild(e)
  return e
}

export function mount(
  host: HTMLElement,
  root: ShadowRoot,
  config: WidgetConfig,
  api: string,
  report: Report,
): void {
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

  const box = add(root, 'div', '')
  box.lang = lang
  const question = add(box, 'p', 'q')
  question.id = 'q'
  question.textContent = t.question
  const group = add(box, 'div', 'g')
  group.setAttribute('role', 'radiogroup')
  group.setAttribute('aria-labelledby', 'q')
  const buttons = RATINGS.map((r, i) => {
    const button = add<HTMLButtonElement>(group, 'button', 'o o' + i)
    button.type = 'button'
    button.setAttribute('role', 'radio')
    // The face is drawn by the stylesheet: emoji differ per device, and where no emoji font
    // is installed (Debian's Chromium) they are empty boxes.
    add(button, 'span', 'e').setAttribute('aria-hidden', 'true')
    add(button, 'span', 'l').textContent = r[lang]
    add(button, 'span', 'p')
    add(add(button, 'span', 'b'), 'span', 'f')
    button.onclick = () => answer(r.value)
    button.onfocus = () => {
      focus = i
      draw()
    }
    return button
  })
  const percents = buttons.map((b) => b.querySelector('.p')!)
  const counts = add(box, 'p', 'n')
  const message = add(box, 'p', 'm')
  message.setAttribute('aria-hidden', 'true')
  const live = add(box, 'p', 'v')
  live.setAttribute('role', 'status')
  // Always in the box's last line, hidden until the reader has answered: the lines above
  // it stay where they are when it appears (no layout shift on a reload of an answered page).
  const feedback = add<HTMLButtonElement>(box, 'button', 'k')
  feedback.textContent = t.feedback
  feedback.onclick = comment

  group.onkeydown = (event) => {
    const next = movedFocus(event.key, tabStop(), 4)
    if (next === undefined) return
    event.preventDefault()
    focus = next
    draw()
    buttons[next].focus()
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
    bars.replaceSync(results ? results.map((p, i) => `.o${i} .f{width:${p}%}`).join('') : '')
    box.className = results ? 't' : 't h'
    buttons.forEach((button, i) => {
      button.setAttribute('aria-checked', String(shown?.yours === RATINGS[i].value))
      button.tabIndex = i === tabStop() ? 0 : -1
      percents[i].textContent = results ? results[i] + '%' : ''
    })
    counts.textContent = results ? t.responses(format(shown!.total)) + ' · ' + views : views
    message.textContent = status || (shown && !results ? t.resultsAfter : '')
    // Set only when it changes: a live region said again is heard again.
    if (live.textContent !== spoken) live.textContent = spoken
    feedback.toggleAttribute('data-off', !shown?.yours)
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
    } catch (error) {
      if (navigator.onLine) {
        settle(null, mine)
        failed(error)
      } else wait()
    }
  }

  draw()
  apiRequest(`${api}summary?${new URLSearchParams({ article, opd, reader })}`).then(
    (summary) => {
      confirmed = summary
      if (!answers) shown = summary
      draw()
    },
    (error) => {
      draw(t.loadFailed)
      failed(error)
    },
  )

  // The «Dilihat» count: once, when the widget itself is on screen (not merely near it).
  const seen = new IntersectionObserver((entries) => {
    if (!entries[0].isIntersecting) return
    seen.disconnect()
    apiRequest(api + 'views', { opd, article, title, reader }).catch(() => {})
  })
  seen.observe(host)
}
