import { beforeAll, describe, expect, it } from 'vitest'
import { get, seedArticle, tokenFor } from './stats-fixtures'

// Figures checked against values computed by hand (the workings are in the comments).
const SITE = 'figures'
let kominfo: string

beforeAll(async () => {
  kominfo = (await tokenFor('kominfo')).token
  // The contract's example article, 12 / 1 / 1 / 2 with 284 views, spread over two days.
  await seedArticle(SITE, 'diskominfo', 'https://figures.go.id/berita/contoh', 'Contoh', {
    '2026-11-01': [7, 1, 0, 2, 150],
    '2026-11-02': [5, 0, 1, 0, 134],
  })
})

describe('GET /api/v1/stats/opds', () => {
  it('gives IKM, grade, interval, sample size and response rate as computed by hand', async () => {
    const res = await get(`/api/v1/stats/opds?site=${SITE}`, kominfo)
    expect(res.status).toBe(200)
    const { rows } = await res.json<{ rows: unknown[] }>()
    expect(rows).toEqual([
      {
        site: SITE,
        opd: 'diskominfo',
        name: null,
        // Written straight into D1 without one: the column's default (docs/contract.md §13).
        category: 'lainnya',
        region: null,
        region_name: null,
        province: null,
        counts: { sangat_puas: 12, puas: 1, cukup_puas: 1, tidak_puas: 2 },
        percentages: { sangat_puas: 75, puas: 6, cukup_puas: 6, tidak_puas: 13 },
        total: 16,
        views: 284,
        // 16 / 284 = 0.056338…
        response_rate: 0.0563,
        // mean 55/16 = 3.4375 → 85.94, grade B
        ikm: 85.94,
        grade: 'B',
        // Σ n(v − mean)² = 12·0.31640625 + 0.19140625 + 2.06640625 + 2·5.94140625 = 17.9375
        // s = √(17.9375/15) = 1.093542; 1.96 · s/√16 = 0.535836
        // 25 × (3.4375 ∓ 0.535836) = 72.54 … 99.33
        ikm_low: 72.54,
        ikm_high: 99.33,
        // 3.841·284·0.25 / (0.0025·283 + 3.841·0.25) = 272.711 / 1.66775 = 163.52 → 164
        required_sample: 164,
        sample_adequate: false,
        // The ranking bounds of articles (docs/dashboard.md «Formulas»): N = 20, m = 65/20 = 3.25,
        // m₂ = 237/20 = 11.85, 1.96·√((11.85 − 10.5625)/21) = 0.485311
        // → 25 × (3.25 ∓ 0.485311) = 69.12 … 93.38
        rank_low: 69.12,
        rank_high: 93.38,
        // No range asked for, so no range before it to compare with.
        ikm_prev: null,
        ikm_change: null,
        change_significant: false,
        // No reader gave a reason on this article (docs/contract.md §9).
        reasons: {
          informasi_kurang_lengkap: 0,
          tidak_akurat: 0,
          sulit_dipahami: 0,
          terlambat: 0,
          tautan_rusak: 0,
          lainnya: 0,
        },
      },
    ])
  })
})
