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
  /** Since the page (on a kiosk: this respondent) began: the API drops answers given faster than a person could. */
  elapsedMs: number
}

/** The request's body: what a kiosk keeps in its queue until it is sent. */
export type SurveyBody = ReturnType<typeof surveyBody>

export function surveyBody(survey: SurveyData, s: Submission) {
  return {
    site: survey.site,
    opd: survey.opd,
    service: survey.service,
    respondent: s.respondent,
    answers: s.answers,
    profile: s.profile,
    saran: s.saran,
    elapsed_ms: Math.round(s.elapsedMs),
    device: survey.device,
  }
}

/**
 * Null when recorded, else the message (a key of Messages) to show. `device`: the kiosk's
 * device token is wrong or revoked.
 */
export type Problem = 'offline' | 'gone' | 'tooMany' | 'refused' | 'device'

/** The outcome, and after a 429 how long the API asked to wait (Retry-After), in ms. */
export async function post(
  body: SurveyBody,
  api = '/api/v1/',
): Promise<{ problem: Problem | null; waitMs: number }> {
  let res: Response
  try {
    // As text/plain (fetch's own type for a string), which the API takes: no CORS preflight
    // from an OPD's page.
    res = await fetch(`${api}skm/responses`, {
      method: 'POST',
      body: JSON.stringify(body),
    })
  } catch {
    return { problem: 'offline', waitMs: 0 }
  }
  if (res.ok) return { problem: null, waitMs: 0 }
  if (res.status === 429) {
    return { problem: 'tooMany', waitMs: Number(res.headers.get('Retry-After') ?? 60) * 1000 }
  }
  const code = await res
    .json()
    .then((b) => (b as { error?: { code?: string } }).error?.code)
    .catch(() => undefined)
  const problem: Problem =
    code === 'service_retired' || code === 'unknown_service'
      ? 'gone'
      : code === 'device_revoked' || code === 'unknown_device'
        ? 'device'
        : // A gateway's or a proxy's failure is the network's, not the answers'.
          res.status >= 500
          ? 'offline'
          : 'refused'
  return { problem, waitMs: 0 }
}

export async function submit(survey: SurveyData, s: Submission): Promise<Problem | null> {
  return (await post(surveyBody(survey, s), survey.api)).problem
}
