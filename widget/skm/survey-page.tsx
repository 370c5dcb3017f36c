import { render } from 'preact'
import { Survey } from './survey'
import { SURVEY_ROOT_ID, type SurveyData } from './survey-data'

// The survey page's chunk (GET /skm/:site/:service): the Worker renders the page's shell and
// hands the service's questions in data-survey; this draws the questionnaire into it.

const root = document.getElementById(SURVEY_ROOT_ID)
if (root?.dataset.survey) {
  const data = JSON.parse(root.dataset.survey) as SurveyData
  root.textContent = ''
  render(<Survey data={data} />, root)
}
