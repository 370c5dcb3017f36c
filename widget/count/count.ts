import { apiRequest } from '../app/api-client'
import type { Summary } from '../../worker/domain/figures/summary'

// The compact count of listing pages (docs/contract.md §10): «IKM 85,9 · 16 tanggapan» in every
// `[data-tanggapan-count]` element, a chunk of its own that only pages with such elements
// load. Its article is the attribute's value, else the link it sits in.

const PAGE = 100

const keyOf = (el: HTMLElement) =>
  el.dataset.tanggapanCount || (el.closest('a[href]') as HTMLAnchorElement | null)?.href || ''

function text(s: Summary, en: boolean) {
  if (!s.total) return en ? 'No responses yet' : 'Belum ada tanggapan'
  const lang = en ? 'en' : 'id'
  const ikm = s.ikm!.toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
  const noun = en ? (s.total === 1 ? 'response' : 'responses') : 'tanggapan'
  return `IKM ${ikm} · ${s.total.toLocaleString(lang)} ${noun}`
}

const filled = new WeakSet<Element>()

/**
 * Fills the page's count elements not filled before, with one request per 100 distinct
 * articles; a failure leaves them empty. The loader calls it again as the page adds more.
 */
export default function fillCounts(doc: Document, api: string): void {
  const elements = [...doc.querySelectorAll<HTMLElement>('[data-tanggapan-count]')].filter(
    (el) => !filled.has(el) && filled.add(el),
  )
  const keys = [...new Set(elements.map(keyOf).filter(Boolean))]
  for (let i = 0; i < keys.length; i += PAGE) {
    const q = new URLSearchParams()
    for (const key of keys.slice(i, i + PAGE)) q.append('article', key)
    apiRequest(api + 'summaries?' + q).then(
      (res) => {
        const rows = (res as unknown as { rows: Summary[] }).rows
        const byKey = new Map(rows.map((s) => [s.article, s]))
        for (const el of elements) {
          const s = byKey.get(keyOf(el))
          if (s) el.textContent = text(s, el.lang === 'en' || el.dataset.lang === 'en')
        }
      },
      () => {},
    )
  }
}
