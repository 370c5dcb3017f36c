import { type SkmFigures, type SkmTallies, skmFigures, type Tally } from './figures'
import { ELEMENT_KEYS, type ElementKey, NOT_GIVEN, PROFILE_FIELDS } from './questionnaire'

// The rows of GET /api/v1/stats/skm (docs/contract.md §14): services' summed tallies grouped by
// service, OPD or site, each group's figures worked out from its whole-number sums once.

export const SKM_GROUPINGS = ['service', 'opd', 'site'] as const
export type SkmGrouping = (typeof SKM_GROUPINGS)[number]

/** One service's sums over a range, as storage reads them. */
export interface ServiceTallies {
  site: string
  opd: string
  service: string
  name: string
  opd_name?: string | null
  site_name?: string
  population: number | null
  respondents: number
  /** By tally column, `persyaratan_1` … `pengaduan_4`. */
  tallies: Record<string, number>
  profile: readonly { field: string; value: string; count: number }[]
}

export interface SkmGroup {
  site: string
  opd: string | null
  service: string | null
  name: string | null
  /** The OPD's name (by=service or opd). */
  opd_name: string | null
  site_name: string
  tallies: SkmTallies
  /** Respondents per profile field and value, `tidak_diisi` for those who left it out. */
  profile: Record<string, Record<string, number>>
  /** The services' populations added up; null when any service of the group has none. */
  population: number | null
}

export function groupKey(
  by: SkmGrouping,
  r: { site: string; opd: string | null; service: string | null },
) {
  if (by === 'site') return r.site
  return by === 'opd' ? `${r.site} ${r.opd}` : `${r.site} ${r.opd} ${r.service}`
}

/** The services' sums added up per group, in the order the services come. */
export function groupTallies(services: readonly ServiceTallies[], by: SkmGrouping): SkmGroup[] {
  const groups = new Map<string, SkmGroup>()
  for (const s of services) {
    const head = {
      site: s.site,
      opd: by === 'site' ? null : s.opd,
      service: by === 'service' ? s.service : null,
    }
    const key = groupKey(by, head)
    let g = groups.get(key)
    if (g === undefined) {
      g = {
        ...head,
        name: by === 'service' ? s.name : null,
        opd_name: by === 'site' ? null : (s.opd_name ?? null),
        site_name: s.site_name ?? s.site,
        tallies: { respondents: 0, elements: emptyElements() },
        profile: emptyProfile(),
        population: 0,
      }
      groups.set(key, g)
    }
    const elements = g.tallies.elements as Record<ElementKey, Tally>
    for (const k of ELEMENT_KEYS) {
      const t = elements[k]
      elements[k] = [1, 2, 3, 4].map(
        (v, i) => t[i] + (s.tallies[`${k}_${v}`] ?? 0),
      ) as unknown as Tally
    }
    g.tallies = { respondents: g.tallies.respondents + s.respondents, elements }
    for (const p of s.profile) {
      const field = g.profile[p.field]
      if (field !== undefined && Object.hasOwn(field, p.value)) field[p.value] += p.count
    }
    g.population =
      g.population === null || s.population === null ? null : g.population + s.population
  }
  for (const g of groups.values()) {
    // Whoever gave no value of a field left it out.
    for (const field of Object.values(g.profile)) {
      const given = Object.values(field).reduce((a, b) => a + b, 0)
      field[NOT_GIVEN.value] = g.tallies.respondents - given
    }
  }
  return [...groups.values()]
}

function emptyElements(): Record<ElementKey, Tally> {
  return Object.fromEntries(ELEMENT_KEYS.map((k) => [k, [0, 0, 0, 0]])) as unknown as Record<
    ElementKey,
    Tally
  >
}

function emptyProfile(): Record<string, Record<string, number>> {
  return Object.fromEntries(
    PROFILE_FIELDS.map((f) => [
      f.key,
      Object.fromEntries([...f.options.map((o) => [o.value, 0]), [NOT_GIVEN.value, 0]]),
    ]),
  )
}

/** A group's figures against its population and, when given, the previous range's index. */
export function groupFigures(g: SkmGroup, previous: number | null): SkmFigures {
  return skmFigures(g.tallies, { population: g.population, previous })
}
