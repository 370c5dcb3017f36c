import { html } from 'hono/html'
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

function shell(lang: string, title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${STYLESHEET}">
<link rel="icon" href="data:,">
</head>
<body>
<main class="page">${body}</main>
</body>
</html>`
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
