import type { Grade } from '../domain/figures/ikm'
import { gradeBand } from '../domain/figures/ikm-worksheet'
import { CHI_SQUARED, D, P } from '../domain/figures/sample-size'
import { type ElementFigures, halfUp, type SkmFigures, type Tally } from './figures'
import { type Bilingual, ELEMENTS } from './questionnaire'

// The «lembar perhitungan» of a printed SKM report: from each element's tally to the index and
// its grade, so a reader can redo it by hand. As the news index's worksheet
// (domain/figures/ikm-worksheet.ts), the results are those of the (frozen) figures and the steps are
// worked out again from their tallies. Shown values are rounded half up from the exact
// fractions, so a column of shown NRRs may differ from the shown total in the last decimal:
// the total is computed from the answers, never from the rounded rows.

export interface SkmWorksheetRow {
  code: ElementFigures['code']
  key: ElementFigures['key']
  name: Bilingual
  /** How many answered 1, 2, 3 and 4. */
  tally: Tally
  /** 1 × n1 + 2 × n2 + 3 × n3 + 4 × n4. */
  sum: number
  /** sum ÷ respondents, two decimals half up; null without respondents. */
  nrr: number | null
  /** NRR × 1/9 (the «NRR tertimbang»), three decimals half up. */
  weighted: number | null
}

export interface SkmWorksheet {
  respondents: number
  rows: SkmWorksheetRow[]
  /** Every answer added up, and Σ NRR (two decimals) and Σ NRR × 1/9 (three decimals). */
  total: { sum: number; nrr: number | null; weighted: number | null }
  /** 25 × Σ NRR × 1/9 before rounding. */
  scaled: number | null
  ikm_skm: number | null
  grade: Grade | null
  /** The index range of that grade (PermenPANRB 14/2017). */
  band: { low: number; high: number } | null
  /** The 0.111-weight figure; `note` only where it gives another grade than the official one. */
  weight0111: { ikm: number; grade: Grade; note: Bilingual | null } | null
  /** Krejcie–Morgan against the service's population; null when no population was entered. */
  sample: {
    population: number
    chiSquared: number
    p: number
    d: number
    exact: number
    required: number
    adequate: boolean
  } | null
}

export function skmWorksheet(f: SkmFigures): SkmWorksheet {
  const n = f.respondents
  const rows = f.elements.map((e, i) => ({
    code: e.code,
    key: e.key,
    name: ELEMENTS[i].name,
    tally: e.tally,
    sum: e.sum,
    nrr: n === 0 ? null : halfUp(e.sum, n, 2),
    weighted: n === 0 ? null : halfUp(e.sum, 9 * n, 3),
  }))
  const sum = f.elements.reduce((s, e) => s + e.sum, 0)
  // As sampleAdequacy: more respondents than the population entered means it was understated.
  const population = f.population === null ? null : Math.max(f.population, n)
  const pq = CHI_SQUARED * P * (1 - P)
  return {
    respondents: n,
    rows,
    total: {
      sum,
      nrr: n === 0 ? null : halfUp(sum, n, 2),
      weighted: n === 0 ? null : halfUp(sum, 9 * n, 3),
    },
    scaled: n === 0 ? null : (25 * sum) / (9 * n),
    ikm_skm: f.ikm_skm,
    grade: f.grade,
    band: f.grade === null ? null : gradeBand(f.grade),
    weight0111:
      f.ikm_skm_0111 === null || f.grade_0111 === null
        ? null
        : {
            ikm: f.ikm_skm_0111,
            grade: f.grade_0111,
            note: f.grade_0111_differs ? note0111(f) : null,
          },
    sample:
      population === null || f.required_sample === null || f.sample_adequate === null
        ? null
        : {
            population,
            chiSquared: CHI_SQUARED,
            p: P,
            d: D,
            exact: (pq * population) / (D * D * (population - 1) + pq),
            required: f.required_sample,
            adequate: f.sample_adequate,
          },
  }
}

const shown = (index: number, decimal: ',' | '.') => index.toFixed(2).replace('.', decimal)

function note0111(f: SkmFigures): Bilingual {
  const official = f.ikm_skm as number
  const weighted = f.ikm_skm_0111 as number
  return {
    id:
      `Dengan bobot 0,111 per unsur (bukan 1/9) indeksnya ${shown(weighted, ',')} (${f.grade_0111}), ` +
      `bukan ${shown(official, ',')} (${f.grade}). Nilai resmi memakai 1/9 (PermenPANRB 14/2017).`,
    en:
      `With a weight of 0.111 per element (not 1/9) the index would be ${shown(weighted, '.')} ` +
      `(${f.grade_0111}), not ${shown(official, '.')} (${f.grade}). The official figure uses 1/9 ` +
      '(PermenPANRB 14/2017).',
  }
}
