import { describe, expect, it } from 'vitest'
import {
  CATEGORY_RULES,
  isCategory,
  OPD_CATEGORIES,
  suggestCategory,
} from '../../worker/domain/regions/opd-categories'
import { OPD_NAMES } from '../opd-names'

describe('suggestCategory', () => {
  it.each(OPD_NAMES)('files «%s» (%s) under %s', (name, slug, category) => {
    expect(suggestCategory(name, slug)).toBe(category)
  })

  it('reads a name whatever its case and punctuation', () => {
    expect(suggestCategory('DINAS  KESEHATAN', 'x')).toBe('kesehatan')
    expect(suggestCategory('Dinas Komunikasi & Informatika (Diskominfo)', 'x')).toBe('kominfo')
  })

  it('matches whole words where a short keyword would catch others', () => {
    // «kb» and «rs» are keywords; «kbb» and «rsvp» are not them.
    expect(suggestCategory('Layanan KBB', 'layanan')).toBe('lainnya')
    expect(suggestCategory('RSVP', 'rsvp')).toBe('lainnya')
    // A kecamatan is so only when the name opens with it.
    expect(suggestCategory('Forum Camat', 'forum')).toBe('lainnya')
  })
})

describe('the category list', () => {
  it('holds every key docs/contract.md §13 names, once, with an Indonesian label', () => {
    const keys = OPD_CATEGORIES.map((c) => c.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const key of [
      'sekretariat-daerah',
      'kependudukan',
      'perizinan',
      'kelurahan-desa',
      'lainnya',
    ])
      expect(isCategory(key)).toBe(true)
    expect(keys).toHaveLength(34)
    expect(OPD_CATEGORIES.find((c) => c.key === 'perizinan')?.label).toBe(
      'Penanaman Modal dan PTSP (DPMPTSP)',
    )
    expect(isCategory('dinas-kesehatan')).toBe(false)
  })

  it('has rules only for listed keys, and keywords a LIKE pattern can hold as they are', () => {
    for (const [category, keywords] of CATEGORY_RULES) {
      expect(isCategory(category)).toBe(true)
      for (const k of keywords) expect(k).toMatch(/^\^?[a-z0-9][a-z0-9 ]*$/)
    }
  })
})
