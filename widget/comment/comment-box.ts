import { MAX_COMMENT_CHARS } from '../../worker/domain/comments/limits'
import { REASONS } from '../../worker/domain/comments/reasons'
import { apiRequest } from '../app/api-client'
import { COMMENT_MESSAGES } from './comment-messages'
import css from './comment-box.css'

// The optional follow-up «Apa yang bisa kami perbaiki?»: a chunk of its own, imported by the
// widget only when the box is shown (after Tidak Puas / Cukup Puas) or the reader opens it,
// so the answer path keeps its size budget. Above it the «Apa yang kurang?» chips, below it the
// article's public replies («Tanggapan OPD»). Plain DOM and textContent: neither the reader's
// text nor an OPD's reply is ever parsed as markup.

/** The parts of the widget's configuration (widget/widget-config.ts) the box needs. */
export interface CommentTarget {
  opd: string
  article: string
  lang: 'id' | 'en'
}

function el<E extends HTMLElement>(tag: string, props: Partial<E> = {}): E {
  return Object.assign(document.createElement(tag) as E, props)
}

// (appendChild: the Worker's types give Element an HTMLRewriter `append` of their own.)
function put(parent: Node, ...children: Node[]) {
  for (const child of children) parent.appendChild(child)
}

/**
 * Shows the box once per widget (a second call keeps the one there). It takes the focus only
 * when the reader opened it (`focus`), not when it appears after an answer.
 */
export default function open(
  root: ShadowRoot,
  target: CommentTarget,
  api: string,
  reader: string,
  focus?: unknown,
): void {
  const { opd, article, lang } = target
  const existing = root.querySelector<HTMLElement>('.c')
  if (existing) return
  const t = COMMENT_MESSAGES[lang]
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(css)
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]

  const id = 'c' + Math.random().toString(36).slice(2)
  const form = el<HTMLFormElement>('form', { className: 'c', lang, noValidate: true })
  const label = el<HTMLLabelElement>('label', { htmlFor: id, textContent: t.question })
  const hint = el('small', { id: id + 'h', textContent: t.optional })
  const text = el<HTMLTextAreaElement>('textarea', { id, name: 'text', rows: 3 })
  text.setAttribute('aria-describedby', hint.id + ' ' + id + 'n')
  const trap = el<HTMLInputElement>('input', {
    name: 'website',
    tabIndex: -1,
    autocomplete: 'off',
    className: 'hp',
  })
  trap.setAttribute('aria-hidden', 'true')
  const count = el('span', { id: id + 'n', className: 'cc' })
  const send = el<HTMLButtonElement>('button', { type: 'submit', textContent: t.send })
  const status = el('p')
  status.setAttribute('role', 'status')
  const row = el('div', { className: 'r' })
  put(row, count, send)
  put(form, reasonChips(target, api, reader, id), label, hint, text, trap, row, status)
  put(root, form)
  showReplies(root, article, api, lang)

  const openedAt = Date.now()
  // Code points, trimmed, as the server counts (worker/validation/comment-text.ts).
  const length = () => [...text.value.trim()].length
  const update = () => {
    const n = length()
    count.textContent =
      `${n}/${MAX_COMMENT_CHARS}` + (n > MAX_COMMENT_CHARS ? ' · ' + t.tooLong : '')
    count.toggleAttribute('data-over', n > MAX_COMMENT_CHARS)
    send.disabled = n === 0 || n > MAX_COMMENT_CHARS
  }
  text.addEventListener('input', update)
  update()
  if (focus) text.focus()

  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    if (send.disabled) return
    send.disabled = true
    status.textContent = t.sending
    const body = {
      opd,
      article,
      reader,
      text: text.value,
      hp: trap.value,
      elapsed_ms: Date.now() - openedAt,
    }
    try {
      await apiRequest(api + 'comments', body)
      const thanks = el('p', { className: 'c', textContent: t.thanks })
      thanks.setAttribute('role', 'status')
      form.replaceWith(thanks)
    } catch {
      status.textContent = t.failed
      update()
    }
  })
}

/** How long the chips wait for the next toggle before sending the set (one request per burst). */
const REASONS_DELAY_MS = 700

/**
 * The «Apa yang kurang?» toggle buttons (aria-pressed). Each change sends the whole set, which
 * replaces the reader's earlier one (docs/contract.md §9). The sheet shows the group only while the
 * reader's answer is Cukup Puas or Tidak Puas, so a change to a better answer hides it again.
 */
function reasonChips(target: CommentTarget, api: string, reader: string, id: string) {
  const { opd, article, lang } = target
  const t = COMMENT_MESSAGES[lang]
  const group = el('div', { className: 'rs' })
  group.setAttribute('role', 'group')
  group.setAttribute('aria-labelledby', id + 'r')
  const title = el('p', { id: id + 'r', className: 'rt', textContent: t.reasons })
  const saved = el('p', { className: 'rv' })
  saved.setAttribute('role', 'status')
  const chosen = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | undefined
  const sendSet = () =>
    apiRequest(api + 'reasons', { opd, article, reader, reasons: [...chosen] }).then(
      () => (saved.textContent = t.saved),
      () => (saved.textContent = t.failed),
    )
  const chips = el('div', { className: 'ch' })
  for (const r of REASONS) {
    const chip = el<HTMLButtonElement>('button', { type: 'button', textContent: r[lang] })
    chip.setAttribute('aria-pressed', 'false')
    chip.addEventListener('click', () => {
      const on = !chosen.delete(r.key)
      if (on) chosen.add(r.key)
      chip.setAttribute('aria-pressed', String(on))
      saved.textContent = ''
      clearTimeout(timer)
      timer = setTimeout(sendSet, REASONS_DELAY_MS)
    })
    put(chips, chip)
  }
  put(group, title, chips, saved)
  return group
}

/** The article's public replies under the box, when it has any; a failure shows nothing. */
function showReplies(root: ShadowRoot, article: string, api: string, lang: 'id' | 'en') {
  const url = `${api}replies?${new URLSearchParams({ article })}`
  ;(apiRequest(url) as unknown as Promise<{ replies: { reply: string; day: string }[] }>).then(
    ({ replies }) => {
      if (!replies.length) return
      const box = el('section', { className: 'c rp', lang })
      box.setAttribute('aria-label', COMMENT_MESSAGES[lang].replies)
      put(box, el('h3', { textContent: COMMENT_MESSAGES[lang].replies }))
      for (const r of replies) {
        const item = el('blockquote')
        put(item, el('p', { textContent: r.reply }), el('small', { textContent: r.day }))
        put(box, item)
      }
      put(root, box)
    },
    () => {},
  )
}
