import type { SurveyLang } from './survey-data'

// The survey page's words, Indonesian first (docs/skm.md), for the chunk and the shell the
// Worker renders; the questionnaire's own texts are worker/skm/questionnaire.ts.

export const MESSAGES = {
  id: {
    title: 'Survei Kepuasan Masyarakat',
    loading: 'Memuat pertanyaan…',
    lead: 'Sembilan pertanyaan singkat tentang layanan yang baru Anda terima. Tanpa nama: kami tidak menanyakan nama, NIK atau nomor telepon.',
    other: 'English',
    step: (n: number, of: number) => `Pertanyaan ${n} dari ${of}`,
    back: 'Kembali',
    next: 'Lanjut',
    pick: 'Pilih salah satu jawaban dulu, lalu tekan Lanjut.',
    about: 'Tentang Anda',
    aboutHint:
      'Boleh dikosongkan. Hanya dihitung sebagai jumlah, tidak pernah dikaitkan dengan Anda.',
    saran: 'Saran dan masukan (boleh dikosongkan)',
    saranHint: 'Jangan menulis nama, NIK, nomor telepon atau e-mail.',
    left: (n: number) => `Sisa ${n} karakter.`,
    send: 'Kirim',
    sending: 'Mengirim jawaban…',
    thanks: 'Terima kasih!',
    recorded:
      'Jawaban Anda sudah tercatat. Bila mengisi lagi hari ini, jawaban baru menggantikan yang lama.',
    offline: 'Jawaban belum terkirim: periksa sambungan internet, lalu tekan Kirim lagi.',
    gone: 'Layanan ini sudah tidak menerima survei. Jawaban Anda tidak disimpan.',
    tooMany: 'Terlalu banyak jawaban dari jaringan ini hari ini. Silakan coba lagi besok.',
    refused: 'Jawaban tidak dapat diterima. Muat ulang halaman, lalu isi lagi.',
    kioskNext:
      'Jawaban Anda sudah disimpan. Sebentar lagi layar kembali ke awal untuk responden berikutnya.',
    waiting: (n: number) => `${n} jawaban menunggu sambungan internet; akan dikirim otomatis.`,
    device:
      'Perangkat kios ini tidak terdaftar atau sudah dicabut. Petugas: minta tautan kios baru di dasbor Tanggapan.',
  },
  en: {
    title: 'Public Satisfaction Survey',
    loading: 'Loading the questions…',
    lead: 'Nine short questions about the service you have just received. Anonymous: we never ask for your name, ID number or phone number.',
    other: 'Bahasa Indonesia',
    step: (n: number, of: number) => `Question ${n} of ${of}`,
    back: 'Back',
    next: 'Next',
    pick: 'Choose one of the answers first, then press Next.',
    about: 'About you',
    aboutHint: 'Optional. Only counted as totals, never linked to you.',
    saran: 'Suggestions and feedback (optional)',
    saranHint: 'Do not write names, ID numbers, phone numbers or e-mail addresses.',
    left: (n: number) => `${n} characters left.`,
    send: 'Send',
    sending: 'Sending your answers…',
    thanks: 'Thank you!',
    recorded:
      'Your answers have been recorded. If you answer again today, the new answers replace the earlier ones.',
    offline: 'Not sent yet: check your internet connection, then press Send again.',
    gone: 'This service no longer takes the survey. Your answers were not stored.',
    tooMany: 'Too many answers from this network today. Please try again tomorrow.',
    refused: 'Your answers could not be accepted. Reload the page and answer again.',
    kioskNext:
      'Your answers have been saved. The screen returns to the start for the next respondent in a moment.',
    waiting: (n: number) =>
      `${n} answers waiting for the internet connection; they will be sent automatically.`,
    device:
      'This kiosk device is not registered or has been revoked. Staff: ask for a new kiosk link in the Tanggapan dashboard.',
  },
} satisfies Record<SurveyLang, unknown>
