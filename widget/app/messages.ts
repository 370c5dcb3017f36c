// Indonesian first, English with data-lang="en". Answer labels come from the rating scale.
// `n` is a number already formatted for the language (1.240 / 1,240).

export const MESSAGES = {
  id: {
    question: 'Bagaimana Tanggapan Anda?',
    responses: (n: string) => n + ' tanggapan',
    views: (n: string) => 'dilihat ' + n + ' kali',
    thanks: 'Terima kasih atas tanggapan Anda!',
    failed: 'Gagal terkirim. Silakan coba lagi.',
    offline: 'Offline: dikirim saat tersambung.',
    loadFailed: 'Hasil belum dapat dimuat.',
    resultsAfter: 'Hasil tampil setelah Anda menjawab.',
    feedback: 'Beri masukan',
    replies: 'Tanggapan OPD',
  },
  en: {
    question: 'What is your response?',
    responses: (n: string) => n + ' response' + (n === '1' ? '' : 's'),
    views: (n: string) => n + ' view' + (n === '1' ? '' : 's'),
    thanks: 'Thank you for your response!',
    failed: 'Not sent. Please try again.',
    offline: 'Offline: sent once reconnected.',
    loadFailed: 'Results could not be loaded.',
    resultsAfter: 'Results appear after you answer.',
    feedback: 'Give feedback',
    replies: 'OPD replies',
  },
}
