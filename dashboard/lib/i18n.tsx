import type { ComponentChildren } from 'preact'
import type { Role } from '../../worker/auth/token'
import type { ArticleSort } from '../../worker/domain/figures/article-ranking'
import type { FollowUpStatus } from '../../worker/domain/comments/comment-follow-up'
import type { CommentStatus } from '../../worker/storage/comments-list'

/** Indonesian first, English after it in a quieter voice: every label says both. */
export function T({ id, en }: { id: ComponentChildren; en: ComponentChildren }) {
  return (
    <>
      {id}
      <span class="en" lang="en">
        {en}
      </span>
    </>
  )
}

// Rating and grade labels are the Worker's own (RATINGS, GRADE_MEANING). What only the
// dashboard shows is keyed by the Worker's lists below, so a value added there without a
// label here fails tsc.
export interface Label {
  id: string
  en: string
}

/**
 * The token roles by name. The national role is the ministry as it is named today; the API
 * keeps its old code `kominfo`.
 */
export const ROLE_LABELS: Record<Role, Label> = {
  admin: { id: 'Admin', en: 'Admin' },
  kominfo: { id: 'Komdigi (dahulu Kominfo)', en: 'Komdigi (formerly Kominfo)' },
  provinsi: { id: 'Diskominfo Provinsi', en: 'Provincial office' },
  opd: { id: 'OPD', en: 'OPD' },
}

/** The article orders of /stats/articles, in the order the select offers them. */
export const SORT_LABELS: Record<ArticleSort, Label> = {
  lowest: { id: 'Kepuasan terendah dulu', en: 'Least satisfied first' },
  highest: { id: 'Kepuasan tertinggi dulu', en: 'Most satisfied first' },
  responses: { id: 'Tanggapan terbanyak', en: 'Most responses' },
  views: { id: 'Paling banyak dilihat', en: 'Most viewed' },
}

/** The follow-up steps of a comment (worker/domain/comment-follow-up.ts), in their order. */
export const FOLLOW_UP_LABELS: Record<FollowUpStatus, Label> = {
  baru: { id: 'Baru', en: 'New' },
  diteruskan: { id: 'Diteruskan', en: 'Passed on' },
  ditindaklanjuti: { id: 'Ditindaklanjuti', en: 'Being acted on' },
  selesai: { id: 'Selesai', en: 'Done' },
  ditolak: { id: 'Ditolak', en: 'Rejected' },
}

/**
 * The comment filters of /stats/comments, in the order the select offers them. Typed by
 * COMMENT_STATUSES, not iterating it: its module also holds the queries, whose drizzle code
 * would add 5 KB gzip to the bundle.
 */
export const STATUS_LABELS: Record<CommentStatus, Label> = {
  visible: { id: 'Semua yang tampil', en: 'All shown' },
  open: { id: 'Belum selesai', en: 'Not done yet' },
  ...FOLLOW_UP_LABELS,
  hidden: { id: 'Disembunyikan (spam)', en: 'Hidden (spam)' },
}

const number = new Intl.NumberFormat('id-ID')
const decimal = new Intl.NumberFormat('id-ID', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
})
const percent = new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 })
// Days as «7 Desember 2026», never codes or numbers alone; a day of the API (YYYY-MM-DD) is
// already a Jakarta day, an instant is shown in Jakarta's time.
const day = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: 'UTC' })
const moment = new Intl.DateTimeFormat('id-ID', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Asia/Jakarta',
})

export const fmt = {
  n: (x: number) => number.format(x),
  ikm: (x: number | null) => (x === null ? '—' : decimal.format(x)),
  rate: (x: number | null) => (x === null ? '—' : percent.format(x)),
  day: (d: string) => day.format(new Date(`${d}T00:00:00Z`)),
  time: (t: string | number | null) => (t === null ? '—' : moment.format(new Date(t))),
}
