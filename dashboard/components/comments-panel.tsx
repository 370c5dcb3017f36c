import { useState } from 'preact/hooks'
import {
  COMMENT_FOLLOW_UP,
  type FollowUpStatus,
} from '../../worker/domain/comments/comment-follow-up'
import { RATINGS } from '../../worker/domain/figures/rating-scale'
import type { CommentStatus, FollowUpCounts } from '../../worker/storage/comments-list'
import { query, sendJson } from '../lib/api'
import { rangeQuery } from './date-range'
import { ExportButtons } from './export-buttons'
import { type Choice, ErrorLine, Field, Select, useSubmit } from './form'
import { FOLLOW_UP_LABELS, fmt, STATUS_LABELS, T } from '../lib/i18n'
import { Status } from './status'
import type { CommentRow, Range, RatingKey } from '../lib/types'
import { useApi } from '../lib/use-api'

type Change = Partial<{
  hidden: boolean
  status: FollowUpStatus
  note: string | null
  reply: string | null
  lapor_tracking_id: string | null
}>

/** SP4N-LAPOR!'s public complaint form. */
const LAPOR_URL = 'https://www.lapor.go.id/'

/**
 * What the operator pastes into LAPOR!'s form. The form documents no way to pre-fill it from a
 * link, so the text (already free of personal data) goes to the clipboard and the form opens.
 */
function laporText(c: CommentRow): string {
  return [
    `Judul: Masukan pembaca: ${c.title ?? c.article}`.slice(0, 150),
    `Isi laporan: ${c.text}`,
    `Halaman: ${c.article}`,
    `Tanggal: ${c.day}`,
    `Penilaian pembaca: ${RATINGS[4 - c.rating].id}`,
  ].join('\n')
}

/**
 * Readers' comments for an OPD (or one of its articles): their rating and day, filters, the
 * follow-up (status, internal note, public reply, SP4N-LAPOR!) and «hide as spam». Comments
 * are text from the public: rendered as Preact text only.
 */
export function CommentsPanel(props: {
  site: string
  opd: string
  range: Range
  articles: { article: string; title: string | null }[]
}) {
  const [rating, setRating] = useState('')
  const [status, setStatus] = useState<CommentStatus>('visible')
  const [article, setArticle] = useState('')
  const [version, setVersion] = useState(0)
  const submit = useSubmit()
  const filter = {
    site: props.site,
    opd: props.opd,
    ...rangeQuery(props.range),
    article,
    rating,
  }
  const path = `/api/v1/stats/comments${query({ ...filter, status })}`
  const loaded = useApi<{
    counts: Record<RatingKey, number>
    total: number
    follow_up: FollowUpCounts
    rows: CommentRow[]
  }>(path, version)

  const change = (id: number, state: Change) =>
    submit.run(
      () => sendJson('PATCH', `/api/v1/admin/comments/${id}`, state),
      () => setVersion((v) => v + 1),
    )

  return (
    <section class="comments">
      <header class="section-head">
        <h3>
          <T id="Komentar pembaca" en="Readers’ comments" />
        </h3>
        <ExportButtons path={`/api/v1/stats/comments${query(filter)}`} label="comments" />
      </header>
      <div class="comment-filters">
        <Field label={<T id="Berita" en="Article" />}>
          <Select
            name="comment-article"
            value={article}
            onChange={setArticle}
            choices={[
              ['', 'Semua berita / All articles'],
              ...props.articles.map((a): Choice => [a.article, a.title ?? a.article]),
            ]}
          />
        </Field>
        <Field label={<T id="Penilaian" en="Rating" />}>
          <Select
            name="comment-rating"
            value={rating}
            onChange={setRating}
            choices={[
              ['', 'Semua / All'],
              ...RATINGS.map((r): Choice => [String(r.value), `${r.id} / ${r.en}`]),
            ]}
          />
        </Field>
        <Field label={<T id="Status" en="Status" />}>
          <Select
            name="comment-status"
            value={status}
            onChange={(v) => setStatus(v as CommentStatus)}
            choices={Object.entries(STATUS_LABELS).map(
              ([s, l]): Choice => [s, `${l.id} / ${l.en}`],
            )}
          />
        </Field>
      </div>
      <ErrorLine error={submit.error} />
      {loaded.state !== 'ready' ? (
        <Status loaded={loaded} />
      ) : loaded.data.rows.length === 0 ? (
        <p class="muted">
          <T id="Belum ada komentar." en="No comments yet." />
        </p>
      ) : (
        <>
          <p class="muted small comment-counts">
            {RATINGS.map((r) => `${r.id} ${fmt.n(loaded.data.counts[r.key])}`).join(' · ')}
          </p>
          <FollowUpSummary counts={loaded.data.follow_up} />
          <ul class="comment-list">
            {loaded.data.rows.map((c) => (
              <CommentItem key={c.id} c={c} change={(state) => change(c.id, state)} />
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

/** How many comments are at each step, and the mean time from comment to «selesai». */
function FollowUpSummary({ counts }: { counts: FollowUpCounts }) {
  return (
    <ul class="status-counts" aria-label="Tindak lanjut / Follow-up">
      {COMMENT_FOLLOW_UP.map((s) => (
        <li key={s} data-status={s}>
          {FOLLOW_UP_LABELS[s].id} <strong>{fmt.n(counts[s])}</strong>
        </li>
      ))}
      <li data-figure="hours-to-done">
        <T id="Rata-rata sampai selesai" en="Mean time to done" />{' '}
        <strong>
          {counts.avg_hours_to_done === null ? '—' : `${fmt.n(counts.avg_hours_to_done)} jam`}
        </strong>
      </li>
    </ul>
  )
}

/** One comment with its follow-up: status, note, reply and SP4N-LAPOR! tracking id. */
function CommentItem({ c, change }: { c: CommentRow; change: (state: Change) => Promise<void> }) {
  const [note, setNote] = useState(c.note ?? '')
  const [reply, setReply] = useState(c.reply ?? '')
  const [tracking, setTracking] = useState(c.lapor_tracking_id ?? '')
  const [copied, setCopied] = useState(false)
  const done = c.status === 'selesai' || c.status === 'ditolak'
  const report = () => {
    // The clipboard may be refused (no permission, no focus): the form opens all the same.
    navigator.clipboard?.writeText(laporText(c)).then(
      () => setCopied(true),
      () => setCopied(false),
    )
    window.open(LAPOR_URL, '_blank', 'noopener,noreferrer')
  }
  return (
    <li class={done ? 'comment done' : 'comment'} data-comment={c.id} data-status={c.status}>
      <p class="comment-meta">
        <span class={`rating r${c.rating}`}>{RATINGS[4 - c.rating].id}</span>
        {' · '}
        <time>{c.day}</time>
        {' · '}
        <span class="comment-article">{c.title ?? c.article}</span>
        {c.hours_to_done !== null && (
          <>
            {' · '}
            <span class="hours-to-done">
              <T id={`selesai dalam ${c.hours_to_done} jam`} en={`done in ${c.hours_to_done} h`} />
            </span>
          </>
        )}
      </p>
      <p class="comment-text">{c.text}</p>
      {c.reply && (
        <p class="comment-reply">
          <strong>Tanggapan OPD:</strong> {c.reply}
        </p>
      )}
      <div class="follow-up">
        <div class="follow-up-row">
          <Field label={<T id="Tindak lanjut" en="Follow-up" />}>
            <Select
              name="comment-follow-up"
              value={c.status}
              onChange={(v) => change({ status: v as FollowUpStatus })}
              choices={COMMENT_FOLLOW_UP.map(
                (s): Choice => [s, `${FOLLOW_UP_LABELS[s].id} / ${FOLLOW_UP_LABELS[s].en}`],
              )}
            />
          </Field>
          <button type="button" data-action="lapor" onClick={report}>
            Laporkan ke SP4N-LAPOR!
          </button>
          <button type="button" data-action="hidden" onClick={() => change({ hidden: !c.hidden })}>
            {c.hidden ? (
              <T id="Tampilkan lagi" en="Show again" />
            ) : (
              <T id="Sembunyikan (spam)" en="Hide as spam" />
            )}
          </button>
        </div>
        {copied && (
          <p class="muted small" role="status">
            <T
              id="Teks laporan sudah disalin: tempel di kolom «Isi Laporan» LAPOR!, lalu simpan nomor pelacakannya di sini."
              en="The report text is copied: paste it into LAPOR!’s form, then store its tracking id here."
            />
          </p>
        )}
        <details>
          <summary>
            <T id="Catatan, balasan dan LAPOR!" en="Note, reply and LAPOR!" />
          </summary>
          <Field
            label={
              <T id="Catatan internal (tidak tampil ke publik)" en="Internal note (never public)" />
            }
          >
            <textarea
              name="comment-note"
              value={note}
              maxLength={2000}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </Field>
          <Field
            label={
              <T id="Balasan publik («Tanggapan OPD»)" en="Public reply, shown under the widget" />
            }
          >
            <textarea
              name="comment-reply"
              value={reply}
              maxLength={2000}
              onInput={(e) => setReply(e.currentTarget.value)}
            />
          </Field>
          <Field label={<T id="Nomor pelacakan SP4N-LAPOR!" en="SP4N-LAPOR! tracking id" />}>
            <input
              name="comment-lapor"
              value={tracking}
              maxLength={40}
              onInput={(e) => setTracking(e.currentTarget.value)}
            />
          </Field>
          <div class="follow-up-row">
            <button
              type="button"
              data-action="save-follow-up"
              onClick={() => change({ note, reply, lapor_tracking_id: tracking })}
            >
              <T id="Simpan" en="Save" />
            </button>
          </div>
        </details>
      </div>
    </li>
  )
}
