import { describe, expect, it } from 'vitest'
import { REDACTED, redactPersonalData } from '../../worker/domain/comments/redact-personal-data'

// Each case: what a reader might write, and what must be stored instead.
const REMOVED: [string, string][] = [
  ['Hubungi saya di budi.santoso@gmail.com ya', 'Hubungi saya di [dihapus] ya'],
  ['email: siti_aminah+opd@kuduskab.go.id.', 'email: [dihapus].'],
  ['Kirim ke ADMIN@Desa-Maju.id segera', 'Kirim ke [dihapus] segera'],
  ['HP saya 081234567890', 'HP saya [dihapus]'],
  ['WA 0812-3456-7890 mohon dibalas', 'WA [dihapus] mohon dibalas'],
  ['telp 0812 3456 7890', 'telp [dihapus]'],
  ['nomor 0812.3456.7890.', 'nomor [dihapus].'],
  ['hubungi +6281234567890', 'hubungi [dihapus]'],
  ['hubungi +62 812 3456 7890', 'hubungi [dihapus]'],
  ['hubungi +62-812-3456-7890', 'hubungi [dihapus]'],
  ['hubungi +62 (812) 3456-7890', 'hubungi [dihapus]'],
  ['hubungi +62.812.3456.7890', 'hubungi [dihapus]'],
  ['WA 6281234567890 saja', 'WA [dihapus] saja'],
  ['WA 62 812 3456 7890 saja', 'WA [dihapus] saja'],
  ['kantor (021) 555-1234', 'kantor [dihapus]'],
  ['kantor (0291) 432100', 'kantor [dihapus]'],
  ['kantor 021-5551234', 'kantor [dihapus]'],
  ['kantor 0274 512345', 'kantor [dihapus]'],
  ['0813-2222-333 (Pak Joko)', '[dihapus] (Pak Joko)'],
  ['NIK saya 3319012304850002', 'NIK saya [dihapus]'],
  ['NIK 3319 0123 0485 0002', 'NIK [dihapus]'],
  ['NIK: 3319-0123-0485-0002', 'NIK: [dihapus]'],
  ['NPWP 01.234.567.8-901.000', 'NPWP [dihapus]'],
  ['NPWP 012345678901000', 'NPWP [dihapus]'],
  ['NPWP baru 0123.4567.8901.2345', 'NPWP baru [dihapus]'],
  ['NPWP 01-234-567-8-901-000', 'NPWP [dihapus]'],
  ['lihat https://kuduskab.go.id/cek?nik=3319&nama=budi', 'lihat [dihapus]'],
  ['form: http://example.com/daftar?email=a%40b.id&hp=0812 tolong', 'form: [dihapus] tolong'],
  ['www.lapor.go.id/aduan?id=123456 sudah', '[dihapus] sudah'],
  ['buka lapor.go.id/tiket?kode=AB12', 'buka [dihapus]'],
  [
    'Saya Budi (0812-1111-2222, budi@mail.id), NIK 3319012304850002',
    'Saya Budi ([dihapus], [dihapus]), NIK [dihapus]',
  ],
  // A number beside a phone number or NIK must not hide it.
  ['hubungi 0812 3456 7890 24 jam', 'hubungi [dihapus] 24 jam'],
  ['Jl. Merdeka 17 0812-3456-7890', 'Jl. Merdeka 17 [dihapus]'],
  ['WA 0812-1111-2222 0813-3333-4444', 'WA [dihapus] [dihapus]'],
  ['WA 0812 1111 2222 0813 3333 4444', 'WA [dihapus] [dihapus]'],
  ['NIK 3201012345678901 2 anak', 'NIK [dihapus] 2 anak'],
  ['NIK 33.19.01.230485.0002', 'NIK [dihapus]'],
  ['bayar Rp 50.000 0812-3456-7890', 'bayar Rp 50.000 [dihapus]'],
  ['Rp 50.000 081234567890 (Bu Ani)', 'Rp 50.000 [dihapus] (Bu Ani)'],
  ['tgl 22-11-2026 0274 512345', 'tgl 22-11-2026 [dihapus]'],
  ['telp 0812\u20133456\u20137890', 'telp [dihapus]'],
  ['kantor (021) 555\u20131234', 'kantor [dihapus]'],
  ['telp 0812/3456/7890', 'telp [dihapus]'],
  ['telp 0291/432100 atau 0812-1111-2222', 'telp [dihapus] atau [dihapus]'],
  ['lihat:https://kuduskab.go.id/cek?nik=3319 ya', 'lihat:[dihapus] ya'],
]

const HARMLESS = [
  'Acara tanggal 22-11-2026 sangat bermanfaat',
  'Jadwal 02.11.2026 pukul 10.30 WIB terlalu mendadak',
  'Mulai 2026-11-22 sampai 2026-12-01',
  'Harga tiket Rp 1.500.000 terlalu mahal',
  'Anggaran Rp150.000.000.000.000 perlu dijelaskan',
  'Sesuai Pasal 12 ayat (3) UU No. 14 Tahun 2008',
  'Pukul 08.30 kantor masih tutup, baru buka jam 09:15',
  'Ada 3 kesalahan ketik di paragraf 2',
  'Sumber di https://kuduskab.go.id/berita/2026/11/22/banjir-123 tidak bisa dibuka',
  'Apakah ini benar? Mohon diperbaiki.',
  'Nilai 75% dari 1.200 responden, 4,5 dari 5',
  'Perda Nomor 5 Tahun 2024, lihat halaman 14-16',
  '<script>alert(1)</script> terima kasih',
  'Acara 22/11/2026 pukul 08.30–10.00 WIB',
  'Surat nomor 045/12/2024 belum dibalas',
  'Tarif Rp 50.000 per 2 jam',
  'Tahun 2024 2025 anggarannya turun',
]

describe('removing personal data from a comment', () => {
  it.each(REMOVED)('%s', (text, stored) => {
    expect(redactPersonalData(text)).toBe(stored)
  })

  it.each(HARMLESS)('keeps «%s» as written', (text) => {
    expect(redactPersonalData(text)).toBe(text)
  })

  it('has the cases the issue asks for', () => {
    expect(REMOVED.length).toBeGreaterThanOrEqual(25)
    expect(HARMLESS.length).toBeGreaterThanOrEqual(10)
    expect(REDACTED).toBe('[dihapus]')
  })

  it('leaves nothing of a removed phone number or NIK behind', () => {
    for (const [text] of REMOVED) expect(redactPersonalData(text)).not.toMatch(/\d{5,}|@/)
  })
})
