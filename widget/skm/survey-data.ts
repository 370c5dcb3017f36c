import type { Bilingual } from '../../worker/skm/questionnaire'

// What the Worker's survey page (worker/pages/skm-survey.ts) hands the survey chunk, as JSON in
// the container's data-survey attribute: an attribute, not an inline script, which the CSP
// refuses; the page escapes it as any other value.

export type SurveyLang = 'id' | 'en'

export interface SurveyData {
  /** Absent on an OPD's own page (embed.tsx): its registered origin names the site. */
  site?: string
  opd: string
  service: string
  lang: SurveyLang
  /** The service's questions for the nine elements, in the questionnaire's order. */
  questions: Bilingual[]
  /** The API's base URL where the survey is not on the Worker's own page: `https://…/api/v1/`. */
  api?: string
  /**
   * In kiosk mode (a tablet at the counter, docs/skm.md «Mode kios»), the device's token the
   * page was opened with, checked by the Worker; absent on a phone.
   */
  device?: string
}

/** The element the chunk renders into; its data-survey attribute holds the SurveyData. */
export const SURVEY_ROOT_ID = 'survey'
