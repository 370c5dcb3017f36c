import { html } from 'hono/html'
import { pageShell } from './page-shell'
import { SURVEY_NAME, SURVEY_STYLE_NAME } from '../generated/widget-assets'
import { MESSAGES } from '../../widget/skm/messages'
import { SURVEY_ROOT_ID, type SurveyData } from '../../widget/skm/survey-data'

// The SKM survey page's shell (docs/contract.md §14, GET /skm/:site/:service): the names,
// rendered here, and the container the survey chunk (widget/skm/) draws the questionnaire
// into. hono/html escapes every value, the service's name and the JSON attribute alike.

export interface SurveyPage {
  siteName: string
  opdName: string
  serviceName: string
  data: SurveyData
}

const STYLESHEET = `/widget/${SURVEY_STYLE_NAME}`

/** The survey's own stylesheet in the pages' shared document, the survey as its main. */
function shell(lang: 'id' | 'en', title: string, body: ReturnType<typeof html>, kiosk = false) {
  const main = html`<main class="${kiosk ? 'page kiosk' : 'page'}">${body}</main>`
  return pageShell(title, main, '', lang, STYLESHEET)
}

export function surveyPage(p: SurveyPage) {
  const t = MESSAGES[p.data.lang]
  return shell(
    p.data.lang,
    `${p.serviceName} — ${t.title}`,
    html`<header>
<p>${p.siteName}</p>
<h1>${p.serviceName}</h1>
<p>${p.opdName}</p>
</header>
<div id="${SURVEY_ROOT_ID}" data-survey="${JSON.stringify(p.data)}">
<p class="hint">${t.loading}</p>
<noscript><p class="problem">Survei ini memerlukan JavaScript. / This survey needs JavaScript.</p></noscript>
</div>
<script type="module" src="/widget/${SURVEY_NAME}"></script>`,
    p.data.device !== undefined,
  )
}

/**
 * A kiosk address whose device token is wrong or revoked: said in Indonesian, then English,
 * with what the staff should do. No survey is shown, so no answer is given in vain.
 */
export function kioskRefusedPage(revoked: boolean) {
  const [id, en] = revoked
    ? ['Perangkat kios ini sudah dicabut', 'This kiosk device has been revoked']
    : ['Perangkat kios ini tidak terdaftar', 'This kiosk device is not registered']
  return shell(
    'id',
    `${id} — ${en}`,
    html`<div class="missing">
<h1>${id}</h1>
<p>Survei tidak dapat diisi di perangkat ini. Petugas: minta tautan kios baru kepada admin atau pengelola layanan di dasbor Tanggapan.</p>
<div lang="en">
<h2>${en}</h2>
<p>The survey cannot be answered on this device. Staff: ask an admin or the service's manager for a new kiosk link in the Tanggapan dashboard.</p>
</div>
</div>`,
    true,
  )
}

/** An unknown or retired service: said in Indonesian, then English, with what to do. */
export function surveyMissingPage() {
  return shell(
    'id',
    'Survei tidak ditemukan — Survey not found',
    html`<div class="missing">
<h1>Survei tidak ditemukan</h1>
<p>Layanan ini tidak ada atau sudah tidak menerima survei. Periksa alamatnya, atau tanyakan kepada petugas di loket.</p>
<div lang="en">
<h2>Survey not found</h2>
<p>This service does not exist or no longer takes the survey. Check the address, or ask the staff at the counter.</p>
</div>
</div>`,
  )
}

/** Any other refusal of the page (too many requests): what happened, in both languages. */
export function surveyProblemPage(message: string) {
  return shell(
    'id',
    'Survei tidak dapat dibuka — The survey cannot be opened',
    html`<div class="missing">
<h1>Survei tidak dapat dibuka</h1>
<p>Coba lagi sebentar lagi.</p>
<div lang="en">
<h2>The survey cannot be opened</h2>
<p>Please try again in a moment. (${message})</p>
</div>
</div>`,
  )
}
