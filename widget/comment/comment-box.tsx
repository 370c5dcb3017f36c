import { useEffect, useRef, useState } from 'preact/hooks'
import { MAX_COMMENT_CHARS } from '../../worker/domain/comments/limits'
import { REASONS } from '../../worker/domain/comments/reasons'
import { apiRequest } from '../app/api-client'
import css from './comment-box.css'
import { COMMENT_MESSAGES } from './comment-messages'

// The optional follow-up «Apa yang bisa kami perbaiki?»: a chunk of its own, imported by the
// widget only when the box is shown (after Tidak Puas / Cukup Puas) or the reader opens it,
// so the answer path keeps its size budget. Above it the «Apa yang kurang?» chips. The article's
// public replies («Tanggapan OPD») are here too, drawn under it or alone when a reader opens
// them from their count in the box. Drawn by Preact in the widget's own tree (Preact itself
// comes from the answer chunk); neither the reader's text nor an OPD's reply is ever parsed as
// markup. Hooks cost this chunk about 1 KB gzip, outside the answer path.

/** The stylesheet the widget adopts with the chunk; it hides «Beri masukan» while the box is shown. */
export { css }

/** The parts of the widget's configuration (widget/widget-config.ts) the box needs. */
export interface CommentTarget {
  opd: string
  article: string
  lang: 'id' | 'en'
}

export interface CommentProps {
  target: CommentTarget
  api: string
  reader: string
  /** Whether the reader opened it (it then takes the focus), rather than it appearing after an answer. */
  focus: boolean
  /** The reasons the reader gave on an earlier visit, chosen again. */
  reasons: string[]
}

/** How long the chips wait for the next toggle before sending the set (one request per burst). */
const REASONS_DELAY_MS = 700

export default function CommentBox({ target, api, reader, focus, reasons }: CommentProps) {
  const { opd, article, lang } = target
  const t = COMMENT_MESSAGES[lang]
  const [text, setText] = useState('')
  const [status, setStatus] = useState('')
  const [sending, setSending] = useState(false)
  const [sent, setSent] = useState(false)
  const field = useRef<HTMLTextAreaElement>(null)
  const trap = useRef<HTMLInputElement>(null)
  const [openedAt] = useState(Date.now)
  useEffect(() => {
    if (focus) field.current!.focus()
  }, [])

  // Code points, trimmed, as the server counts (worker/validation/comment-text.ts).
  const n = [...text.trim()].length
  const over = n > MAX_COMMENT_CHARS

  const submit = async (event: Event) => {
    event.preventDefault()
    if (sending || !n || over) return
    setSending(true)
    setStatus(t.sending)
    const body = {
      opd,
      article,
      reader,
      text,
      hp: trap.current!.value,
      elapsed_ms: Date.now() - openedAt,
    }
    try {
      await apiRequest(api + 'comments', body)
      setSent(true)
    } catch {
      setStatus(t.failed)
    }
    setSending(false)
  }

  return sent ? (
    <p class="c" role="status">
      {t.thanks}
    </p>
  ) : (
    <form class="c" lang={lang} noValidate onSubmit={submit}>
      <ReasonChips target={target} api={api} reader={reader} reasons={reasons} />
      <label for="c">{t.question}</label>
      <small id="ch">{t.optional}</small>
      <textarea
        id="c"
        ref={field}
        name="text"
        rows={3}
        aria-describedby="ch cn"
        value={text}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      {/* The honeypot: out of sight and out of the tab order; a person never fills it. */}
      <input
        ref={trap}
        name="website"
        tabIndex={-1}
        autocomplete="off"
        class="hp"
        aria-hidden="true"
      />
      <div class="r">
        <span id="cn" class="cc" data-over={over ? '' : undefined}>
          {`${n}/${MAX_COMMENT_CHARS}` + (over ? ' · ' + t.tooLong : '')}
        </span>
        <button type="submit" disabled={sending || !n || over}>
          {t.send}
        </button>
      </div>
      <p role="status">{status}</p>
    </form>
  )
}

/**
 * The «Apa yang kurang?» toggle buttons (aria-pressed). Each change sends the whole set, which
 * replaces the reader's earlier one (docs/contract.md §9). The sheet shows the group only while the
 * reader's answer is Cukup Puas or Tidak Puas, so a change to a better answer hides it again.
 */
function ReasonChips({ target, api, reader, reasons: given }: Omit<CommentProps, 'focus'>) {
  const { opd, article, lang } = target
  const t = COMMENT_MESSAGES[lang]
  const [chosen, setChosen] = useState(given)
  const [saved, setSaved] = useState('')
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const toggle = (key: string) => {
    const reasons = chosen.includes(key) ? chosen.filter((k) => k !== key) : [...chosen, key]
    setChosen(reasons)
    setSaved('')
    clearTimeout(timer.current)
    timer.current = setTimeout(
      () =>
        apiRequest(api + 'reasons', { opd, article, reader, reasons }).then(
          () => setSaved(t.saved),
          () => setSaved(t.failed),
        ),
      REASONS_DELAY_MS,
    )
  }
  return (
    <div class="rs" role="group" aria-labelledby="cr">
      <p id="cr" class="rt">
        {t.reasons}
      </p>
      <div class="ch">
        {REASONS.map((r) => (
          <button type="button" aria-pressed={chosen.includes(r.key)} onClick={() => toggle(r.key)}>
            {r[lang]}
          </button>
        ))}
      </div>
      <p class="rv" role="status">
        {saved}
      </p>
    </div>
  )
}

/** A Jakarta day (`2026-12-07`) as readers write it: «7 Desember 2026», «7 December 2026». */
const longDay = (day: string, lang: 'id' | 'en') =>
  new Date(day).toLocaleDateString(lang === 'en' ? 'en-GB' : 'id', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })

interface Reply {
  reply: string
  day: string
}

export interface RepliesProps {
  article: string
  api: string
  lang: 'id' | 'en'
  /** Their heading, the answer box's word for them («Tanggapan OPD»). */
  label: string
}

/**
 * The article's public replies, fetched when first shown (the page view brought only their
 * count); a failure shows nothing.
 */
export function Replies({ article, api, lang, label }: RepliesProps) {
  const [replies, setReplies] = useState<Reply[]>([])
  useEffect(() => {
    ;(
      apiRequest(`${api}replies?${new URLSearchParams({ article })}`) as unknown as Promise<{
        replies: Reply[]
      }>
    ).then(
      (r) => setReplies(r.replies),
      () => {},
    )
  }, [])
  return replies.length ? (
    <section class="c rp" lang={lang} aria-label={label}>
      <h3>{label}</h3>
      {replies.map((r) => (
        <blockquote>
          <p>{r.reply}</p>
          <small>{longDay(r.day, lang)}</small>
        </blockquote>
      ))}
    </section>
  ) : null
}
