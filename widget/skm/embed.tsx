import { render } from 'preact'
import { ELEMENTS } from '../../worker/skm/questionnaire'
import parts from '../ui/answer-parts.css'
import { Survey } from './survey'
import page from './survey.css'

// The SKM survey on an OPD's own page (docs/embedding.md «Survei SKM di halaman OPD»): the
// loader (widget.js) imports this chunk where a page has `data-tanggapan-skm` elements, and it
// draws the survey page's own questionnaire (survey.tsx, the same parts and look) into each,
// in a shadow root so neither the page's styles nor the survey's touch the other. The answers
// go to POST /api/v1/skm/responses from the page's origin, which must be registered for the site.

// The page's stylesheet, its document rules (:root, html) made the container's own.
const sheet = new CSSStyleSheet()
sheet.replaceSync(
  (parts + page).replace(/:root|html(?={)/g, ':host') +
    // The language is the page's (data-lang): the survey page's switch would change the host
    // page's title, language and address.
    ':host{display:block}.top .lang{display:none}',
)

export default function mountSurveys(doc: Document, api: string) {
  doc.querySelectorAll<HTMLElement>('[data-tanggapan-skm]').forEach((host) => {
    const { tanggapanSkm: service, opd, lang } = host.dataset
    // Mounted already, or nothing to count the answers against.
    if (host.shadowRoot || !service || !opd) return
    try {
      const root = host.attachShadow({ mode: 'open' })
      root.adoptedStyleSheets = [sheet]
      const data = {
        opd,
        service,
        lang: lang === 'en' ? ('en' as const) : ('id' as const),
        // The regulation's questions: a wording the OPD adjusted is the survey page's.
        questions: ELEMENTS.map((e) => e.question),
        api,
      }
      render(<Survey data={data} />, root)
    } catch {
      // An element that cannot host a shadow root is left alone.
    }
  })
}
