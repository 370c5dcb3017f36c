import { useState } from 'preact/hooks'
import { RATINGS } from '../worker/domain/rating-scale'
import type { CommentStatus } from '../worker/storage/comments-list'
import { query, sendJson } from './api'
import { ExportButtons } from './export-buttons'
import { fmt, STATUS_LABELS, T } from './i18n'
import { Status } from './overview'
import type { CommentRow, Range, RatingKey } from './types'
import { useApi } from './use-api'

/**
 * Readers' comments for an OPD (or one of its articles): their rating and day, filters, and
 * «handled» / «hide as spam». Comments are text from the public: rendered as Preact text only.
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
  const [error, setError] = useState<string | null>(null)
  const filter = {
    site: props.site,
    opd: props.opd,
    from: props.range.from,
    to: props.range.to,
    article,
    rating,
  }
  const path = `/api/v1/stats/comments${query({ ...filter, status })}`
  const loaded = useApi<{ counts: Record<RatingKey, number>; total: number; rows: CommentRow[] }>(
    path,
    version,
  )

  const change = (id: number, state: { handled?: boolean; hidden?: boolean }) =>
    sendJson('PATCH', `/api/v1/admin/comments/${id}`, state).then(
      () => {
        setError(null)
        setVersion((v) => v + 1)
      },
      (e: Error) => setError(e.message),
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
        <label>
          <T id="Berita" en="Article" />
          <select
            name="comment-article"
            value={article}
            onChange={(e) => setArticle(e.currentTarget.value)}
          >
            <option value="">Semua berita / All articles</option>
            {props.articles.map((a) => (
              <option key={a.article} value={a.article}>
                {a.title ?? a.article}
              </option>
            ))}
          </select>
        </label>
        <label>
          <T id="Penilaian" en="Rating" />
          <select
            name="comment-rating"
            value={rating}
            onChange={(e) => setRating(e.currentTarget.value)}
          >
            <option value="">Semua / All</option>
            {RATINGS.map((r) => (
              <option key={r.key} value={String(r.value)}>
                {r.id} / {r.en}
              </option>
            ))}
          </select>
        </label>
        <label>
          <T id="Status" en="Status" />
          <select
            name="comment-status"
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as CommentStatus)}
          >
            {Object.entries(STATUS_LABELS).map(([s, l]) => (
              <option key={s} value={s}>
                {l.id} / {l.en}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
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
          <ul class="comment-list">
            {loaded.data.rows.map((c) => (
              <li key={c.id} class={c.handled ? 'comment handled' : 'comment'} data-comment={c.id}>
                <p class="comment-meta">
                  <span class={`rating r${c.rating}`}>{RATINGS[4 - c.rating].id}</span>
                  {' · '}
                  <time>{c.day}</time>
                  {' · '}
                  <span class="comment-article">{c.title ?? c.article}</span>
                </p>
                <p class="comment-text">{c.text}</p>
                <p class="comment-actions">
                  <button
                    type="button"
                    data-action="handled"
                    aria-pressed={c.handled}
                    onClick={() => change(c.id, { handled: !c.handled })}
                  >
                    {c.handled ? (
                      <T id="Batalkan ditangani" en="Mark not handled" />
                    ) : (
                      <T id="Tandai ditangani" en="Mark handled" />
                    )}
                  </button>
                  <button
                    type="button"
                    data-action="hidden"
                    onClick={() => change(c.id, { hidden: !c.hidden })}
                  >
                    {c.hidden ? (
                      <T id="Tampilkan lagi" en="Show again" />
                    ) : (
                      <T id="Sembunyikan (spam)" en="Hide as spam" />
                    )}
                  </button>
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
