import { describe, expect, it } from 'vitest'
import { checkSurveyBudget, readWidget, SURVEY_BUDGET } from '../../scripts/build-widget'

// The SKM survey page's budget (issue 31): its script and stylesheet, Preact included, are all
// a respondent on a slow mobile network waits for after the page's HTML.

const build = readWidget()

describe('the built survey page', () => {
  it(`keeps its script and stylesheet within ${SURVEY_BUDGET} bytes gzip`, () => {
    expect(build.sizes.survey.gzip).toBeGreaterThan(0)
    expect(build.sizes.survey.gzip).toBeLessThanOrEqual(SURVEY_BUDGET)
  })

  it('fails the build a byte over its budget', () => {
    expect(() => checkSurveyBudget({ gzip: SURVEY_BUDGET })).not.toThrow()
    expect(() => checkSurveyBudget({ gzip: SURVEY_BUDGET + 1 })).toThrow(
      /survey page's script and stylesheet are 12289 B gzip, over their budget of 12288 B/,
    )
  })

  it('names both files by their content and runs no code from strings', () => {
    expect(build.surveyName).toMatch(/^skm-[0-9a-f]{8}\.js$/)
    expect(build.surveyStyleName).toBe(build.surveyName.replace(/\.js$/, '.css'))
    expect(/\beval\(|new Function\(/.test(build.survey)).toBe(false)
    // The shared answer parts' faces are in the page's stylesheet.
    expect(build.surveyStyle).toContain('.e0:after')
  })
})
