import { render } from 'preact'
import { type Bilingual, ELEMENTS } from '../../worker/skm/questionnaire'
import parts from '../ui/answer-parts.css'
import { Survey } from './survey'
import page from './survey.css'

// The SKM survey on an OPD's own page (docs/embedding.md «Survei SKM di halaman OPD»): the
// loader (widget.js) imports this chunk where a page has `data-tanggapan-skm` elements, and it
// draws the survey page's own questionnaire (survey.tsx, the same parts and look) into each,
// in a shadow root so neither the page's styles nor the survey's touch the other. The questions
// come from GET /api/v1/skm/questionnaire and the answers go to POST /api/v1/skm/responses, both
// from the page's origin, which must be registered for the site.

// The page's stylesheet, its document rules (:root, html) made the container's own.
const sheet = new CSSStyleSheet()
sheet.replaceSync(
  (parts + page).replace(/:root|html(?={)/g, ':host') +
    // The language is the page's (data-lang): the survey page's switch would change the host
    // page's title, language and address.
    ':host{display:block}.top .lang{display:none}',
)

/** What GET /api/v1/skm/questionnaire answers, as far as the survey reads it. */
type Worded = { questions: { question: Bilingual }[] }

export default function mountSurveys(doc: Document, api: string) {
  doc.querySelectorAll<HTMLElement>('[data-tanggapan-skm]').forEach((host) => {
    const { tanggapanSkm: service, opd, lang } = host.dataset
    // Mounted already, or nothing to count the answers against.
    if (host.shadowRoot || !service || !opd) return
    let root: ShadowRoot
    try {
      // At once, before the questions come, so a second scan finds it mounted.
      root = host.attachShadow({ mode: 'open' })
    } catch {
      // An element that cannot host a shadow root is left alone.
      return
    }
    root.adoptedStyleSheets = [sheet]
    // The service's questions as its OPD worded them (GET /api/v1/skm/questionnaire), as the
    // survey page has them; the regulation's should the request fail (the answers then say why).
    fetch(`${api}skm/questionnaire?${new URLSearchParams({ opd, service })}`)
      .then((r) => (r.ok ? (r.json() as Promise<Worded>) : null))
      .catch(() => null)
      .then((q) => {
        const data = {
          opd,
          service,
          lang: lang === 'en' ? ('en' as const) : ('id' as const),
          questions: (q?.questions ?? ELEMENTS).map((e) => e.question),
          api,
        }
        render(<Survey data={data} />, root)
      })
  })
}
