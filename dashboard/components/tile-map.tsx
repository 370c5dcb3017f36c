import { GRADE_MEANING } from '../../worker/domain/figures/ikm'
import { regionHref } from '../lib/hash-route'
import { fmt } from '../lib/i18n'
import type { RegionRow } from '../lib/types'

// The 38 provinces as equal tiles, placed roughly where they lie (Sumatra to the west, Papua
// to the east, Java and Nusa Tenggara along the bottom), so the eye finds a province by place
// and no map image or tile server is needed. Code, column, row, tile label; names come from
// the API's rows (the official list), the labels are the usual short forms.
const TILES = `
11 0 0 ACEH
12 1 1 SUMUT
14 2 1 RIAU
21 3 1 KEPRI
13 1 2 SUMBAR
15 2 2 JAMBI
17 2 3 BKL
16 3 3 SUMSEL
19 4 3 BABEL
18 3 4 LPG
31 5 4 DKI
36 4 5 BANTEN
32 5 5 JABAR
33 6 5 JATENG
34 6 6 DIY
35 7 5 JATIM
51 8 5 BALI
52 9 5 NTB
53 10 5 NTT
65 7 0 KALTARA
61 6 1 KALBAR
64 7 1 KALTIM
62 6 2 KALTENG
63 7 2 KALSEL
72 9 1 SULTENG
75 10 1 GTLO
71 11 1 SULUT
76 9 2 SULBAR
73 9 3 SULSEL
74 10 3 SULTRA
82 12 1 MALUT
81 12 2 MALUKU
96 13 1 PBD
92 14 1 PABAR
91 15 1 PAPUA
94 14 2 PAPTENG
95 15 2 PAPEG
93 15 3 PAPSEL`
  .trim()
  .split('\n')
  .map((line) => line.split(' '))

const W = 60
const H = 46

/** One tile per province, coloured by grade (grey without answers), each a link to it. */
export function TileMap({ rows }: { rows: RegionRow[] }) {
  const byCode = new Map(rows.map((r) => [r.region, r]))
  return (
    <nav class="tile-map" aria-label="Peta provinsi menurut mutu / provinces by grade">
      {/* biome-ignore lint/a11y/noSvgWithoutTitle: the nav names the map; each tile link has its own name */}
      <svg viewBox={`0 0 ${16 * W} ${7 * H}`}>
        {TILES.map(([code, x, y, label]) => {
          const r = byCode.get(code)
          if (!r) return null
          const thin = r.total > 0 && !r.sample_adequate
          const value = r.grade ? fmt.ikm(r.ikm) : '—'
          // Read aloud as shown first (the tile's text), then what the short form stands for.
          const name = `${label} ${value}: ${r.name}, ${
            r.grade ? `mutu ${r.grade} ${GRADE_MEANING[r.grade].id}` : 'belum ada tanggapan'
          }${thin ? ', sampel belum memadai' : ''}`
          return (
            <a key={code} href={regionHref(code)} aria-label={name} data-region={code}>
              <title>{name}</title>
              <rect
                class={`tile g-${r.grade ?? 'none'}${thin ? ' thin' : ''}`}
                x={+x * W + 2}
                y={+y * H + 2}
                width={W - 4}
                height={H - 4}
                rx="5"
              />
              <text class="tile-label" x={+x * W + W / 2} y={+y * H + 19}>
                {label}{' '}
                <tspan x={+x * W + W / 2} dy="14">
                  {value}
                </tspan>
              </text>
            </a>
          )
        })}
      </svg>
    </nav>
  )
}
