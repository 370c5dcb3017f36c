import { describe, expect, it } from 'vitest'
import {
  campaignKey,
  onlyLinks,
  SAME_TEXT_MIN_LENGTH,
  typedTooFast,
} from '../../worker/domain/comments/comment-spam'

describe('comment spam signals', () => {
  it.each([
    'https://judi-online.example/promo',
    'www.slot88.example www.slot99.example',
    ' http://a.example/x , https://b.example/y !! ',
    'bit.ly/abc123',
  ])('«%s» is only links', (text) => {
    expect(onlyLinks(text)).toBe(true)
  })

  it.each([
    'Tautan https://kuduskab.go.id/berita/1 rusak',
    'Tidak ada tautannya sama sekali',
    'Versi 2.0 lebih baik.',
  ])('«%s» is more than links', (text) => {
    expect(onlyLinks(text)).toBe(false)
  })

  it('asks for time a person needs to type the text', () => {
    const text = 'Tolong tambahkan foto lokasi dan nomor layanan pengaduan.'
    expect(typedTooFast(text, 300)).toBe(true)
    expect(typedTooFast(text, 1500)).toBe(true)
    expect(typedTooFast(text, 30_000)).toBe(false)
    expect(typedTooFast('Bagus', 700)).toBe(false)
    // Integrators that send no timing are never dropped for it.
    expect(typedTooFast(text, undefined)).toBe(false)
  })

  it('sees the same text through case, spacing and punctuation', () => {
    const a = campaignKey('Kunjungi situs kami untuk hadiah GRATIS!!!')
    expect(a).not.toBeNull()
    expect(campaignKey('  kunjungi   situs kami, untuk hadiah gratis ')).toBe(a)
    expect(campaignKey('Kunjungi situs kami untuk hadiah lain')).not.toBe(a)
  })

  it('lets many readers say short common things alike', () => {
    expect(campaignKey('Terima kasih, bagus!')).toBeNull()
    expect(campaignKey('x'.repeat(SAME_TEXT_MIN_LENGTH))).not.toBeNull()
  })
})
