import type { AnswerValue, ElementKey, Profile } from '../../worker/skm/questionnaire'
import type { SurveyData } from './survey-data'

// Sends a respondent's answers to the API's own POST /api/v1/skm/responses (docs/contract.md
// §14), and says what went wrong in the respondent's words: the API's messages are English
// and meant for developers.

export interface Submission {
  answers: Record<ElementKey, AnswerValue>
  profile: Profile
  saran: string
  respondent: string
  /** Since the page opened: the API drops answers given faster than a person could. */
  elapsedMs: number
}

/** Null when recorded, else the message (a key of Messages) to show. */
export type Problem = 'offline' | 'gone' | 'tooMany' | 'refused'

export async function submit(survey: SurveyData, s: Submission): Promise<Problem | null> {
  let res: Response
  try {
    // As text/plain (fetch's own type for a string), which the API takes: no CORS preflight
    // from an OPD's page.
    res = await fetch((survey.api ?? '/api/v1/') + 'skm/responses', {
      method: 'POST',
      body: JSON.stringify({
        site: survey.site,
        opd: survey.opd,
        service: survey.service,
        respondent: s.respondent,
        answers: s.answers,
        profile: s.profile,
        saran: s.saran,
        elapsed_ms: Math.round(s.elapsedMs),
      }),
    })
  } catch {
    return 'offline'
  }
  if (res.ok) return null
  if (res.status === 429) return 'tooMany'
  const code = await res
    .json()
    .then((b) => (b as { error?: { code?: string } }).error?.code)
    .catch(() => undefined)
  if (code === 'service_retired' || code === 'unknown_service') return 'gone'
  // A gateway's or a proxy's failure is the network's, not the answers'.
  return res.status >= 500 ? 'offline' : 'refused'
}
