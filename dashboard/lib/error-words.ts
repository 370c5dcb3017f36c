import type { ErrorCode } from '../../worker/errors'
import { ApiFailure } from './api'
import type { Label } from './i18n'

// What the dashboard says when the API refuses: one sentence per error code, Indonesian first.
// The API's own message is English and may name internals; it is never shown. Keyed by the
// Worker's catalogue, so a code added there without words here fails tsc.
const WORDS: Record<ErrorCode, Label> = {
  bad_request: { id: 'Permintaan tidak dapat dibaca.', en: 'The request could not be read.' },
  invalid_json: { id: 'Isian tidak dapat dibaca.', en: 'The form could not be read.' },
  invalid_request: {
    id: 'Ada isian yang tidak valid; periksa lagi.',
    en: 'Something filled in is not valid; check it.',
  },
  invalid_range: {
    id: 'Tanggal awal harus sebelum tanggal akhir.',
    en: 'The start date must come before the end date.',
  },
  range_too_long: { id: 'Rentang tanggal terlalu panjang.', en: 'The date range is too long.' },
  site_required: { id: 'Pilih situsnya dulu.', en: 'Choose the site first.' },
  address_not_allowed: {
    id: 'Alamat ini tidak boleh diperiksa.',
    en: 'This address may not be checked.',
  },
  unauthorized: {
    id: 'Token tidak dikenal atau sudah dicabut.',
    en: 'Unknown or revoked token.',
  },
  token_expired: {
    id: 'Token sudah kedaluwarsa; minta token baru kepada admin.',
    en: 'The token has expired; ask an admin for a new one.',
  },
  forbidden: { id: 'Peran Anda tidak boleh melakukan ini.', en: 'Your role may not do this.' },
  out_of_scope: {
    id: 'Ini di luar cakupan token Anda.',
    en: 'This is outside your token’s scope.',
  },
  origin_not_allowed: {
    id: 'Situs ini tidak terdaftar untuk widget.',
    en: 'This site is not registered for the widget.',
  },
  session_header_missing: {
    id: 'Permintaan ini ditolak demi keamanan; muat ulang halaman.',
    en: 'Refused for safety; reload the page.',
  },
  not_found: { id: 'Tidak ditemukan.', en: 'Not found.' },
  unknown_site: { id: 'Situs tidak dikenal.', en: 'Unknown site.' },
  unknown_opd: { id: 'OPD tidak dikenal.', en: 'Unknown OPD.' },
  unknown_article: { id: 'Berita tidak dikenal.', en: 'Unknown article.' },
  unknown_comment: { id: 'Komentar tidak ditemukan.', en: 'Comment not found.' },
  unknown_token: { id: 'Token tidak ditemukan.', en: 'Token not found.' },
  unknown_publication: { id: 'Publikasi tidak ditemukan.', en: 'Publication not found.' },
  unknown_webhook: { id: 'Webhook tidak ditemukan.', en: 'Webhook not found.' },
  unknown_service: { id: 'Layanan tidak dikenal.', en: 'Unknown service.' },
  unknown_device: { id: 'Perangkat kios tidak dikenal.', en: 'Unknown kiosk device.' },
  site_exists: { id: 'Situs dengan ID ini sudah ada.', en: 'A site with this ID exists.' },
  origin_taken: {
    id: 'Origin ini sudah dipakai situs lain.',
    en: 'Another site already uses this origin.',
  },
  opd_in_use: {
    id: 'OPD ini sudah punya tanggapan: gabungkan ke OPD lain.',
    en: 'This OPD has responses: merge it into another.',
  },
  period_not_over: { id: 'Periode ini belum berakhir.', en: 'This period has not ended.' },
  period_before_site: {
    id: 'Periode ini sebelum situs terdaftar.',
    en: 'This period is before the site was registered.',
  },
  nothing_to_publish: {
    id: 'Belum ada tanggapan pada periode ini.',
    en: 'No responses in this period.',
  },
  already_published: { id: 'Periode ini sudah diterbitkan.', en: 'Already published.' },
  service_taken: { id: 'Nama layanan sudah dipakai.', en: 'The service name is taken.' },
  service_retired: { id: 'Layanan ini sudah dihentikan.', en: 'This service was retired.' },
  device_revoked: { id: 'Perangkat kios ini sudah dicabut.', en: 'This kiosk device was revoked.' },
  payload_too_large: { id: 'Isian terlalu panjang.', en: 'Too much was sent.' },
  unsupported_media_type: { id: 'Jenis isian tidak didukung.', en: 'Unsupported content.' },
  too_many_opds: { id: 'Terlalu banyak OPD.', en: 'Too many OPDs.' },
  article_not_registered: {
    id: 'Berita ini belum terdaftar.',
    en: 'This article is not registered.',
  },
  placeholder_article: {
    id: 'Ganti URL_BERITA dengan alamat halaman berita.',
    en: 'Replace URL_BERITA with the page’s address.',
  },
  no_response: { id: 'Belum ada tanggapan.', en: 'No response yet.' },
  too_many_webhooks: { id: 'Terlalu banyak webhook.', en: 'Too many webhooks.' },
  page_unreachable: {
    id: 'Halaman itu tidak dapat dibuka.',
    en: 'That page could not be opened.',
  },
  rate_limited: {
    id: 'Terlalu banyak permintaan; coba lagi sebentar lagi.',
    en: 'Too many requests; try again shortly.',
  },
  internal_error: {
    id: 'Terjadi galat di server; coba lagi nanti.',
    en: 'The server failed; try again later.',
  },
}

const OFFLINE: Label = {
  id: 'Server tidak dapat dihubungi; periksa sambungan.',
  en: 'The server could not be reached; check the connection.',
}

/** What a failure of the API (or of reaching it) says to the user, Indonesian first. */
export function errorText(err: unknown): string {
  const words =
    err instanceof ApiFailure
      ? (WORDS[err.code as ErrorCode] ??
        (err.status >= 500 ? WORDS.internal_error : WORDS.bad_request))
      : OFFLINE
  return `${words.id} / ${words.en}`
}
