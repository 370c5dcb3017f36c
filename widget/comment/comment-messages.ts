// The comment box's words, Indonesian first (docs/comments.md).

export const COMMENT_MESSAGES = {
  id: {
    question: 'Apa yang bisa kami perbaiki?',
    optional: 'Opsional. Jangan tulis data pribadi; nomor telepon, e-mail dan NIK dihapus.',
    send: 'Kirim',
    sending: 'Mengirim…',
    thanks: 'Terima kasih, masukan Anda sudah kami terima.',
    failed: 'Gagal terkirim. Silakan coba lagi.',
    tooLong: 'Terlalu panjang',
    reasons: 'Apa yang kurang?',
    saved: 'Tersimpan. Terima kasih.',
  },
  en: {
    question: 'What could we improve?',
    optional:
      'Optional. Do not write personal data; phone numbers, e-mails and ID numbers are removed.',
    send: 'Send',
    sending: 'Sending…',
    thanks: 'Thank you, we have received your feedback.',
    failed: 'Not sent. Please try again.',
    tooLong: 'Too long',
    reasons: 'What was lacking?',
    saved: 'Saved. Thank you.',
  },
}
