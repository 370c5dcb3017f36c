// The API's shapes as the dashboard reads them (README, «Statistics and the dashboard»).

export type RatingKey = 'sangat_puas' | 'puas' | 'cukup_puas' | 'tidak_puas'
export type Counts = Record<RatingKey, number>
export type Grade = 'A' | 'B' | 'C' | 'D'

export interface Figures {
  counts: Counts
  percentages: Counts
  total: number
  views: number
  response_rate: number | null
  ikm: number | null
  grade: Grade | null
  ikm_low: number | null
  ikm_high: number | null
  required_sample: number | null
  sample_adequate: boolean
}

export type SiteRow = Figures & { site: string; name: string }
export type OpdRow = Figures & { site: string; opd: string; name: string | null }
export type ArticleRow = Figures & { site: string; opd: string; article: string; title: string | null; rank_low: number; rank_high: number }
export type DayRow = Figures & { day: string }

export interface Scope {
  token: { id: string; role: 'admin' | 'kominfo' | 'opd'; site: string | null; opd: string | null; label: string }
  sites: { id: string; name: string; origins?: string[]; opds: { slug: string; name: string | null }[] }[]
}

export interface Range {
  from?: string
  to?: string
}
