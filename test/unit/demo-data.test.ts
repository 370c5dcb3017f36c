import { describe, expect, it } from 'vitest'
import { DEMO_OPDS, DEMO_SITE, demoDays, demoPlan } from '../../scripts/demo-data'
import { addDays, eachDay } from '../../worker/domain/calendar/days'

// The news demo a newcomer meets on `npm start`: alive on the day they open it, whatever that
// day is. Seen from a fixed day, never from the clock.

// Wednesday 2 December 2026.
const TODAY = '2026-12-02'
const demo = () => demoPlan(TODAY).find((s) => s.id === DEMO_SITE.id)!

/** The days of `from`..`to` on which some answer of the demo site's (or one OPD's) came. */
function answeredShare(from: string, to: string, opd?: string): number {
  const answered = new Set(
    demo()
      .articles.filter((a) => opd === undefined || a.opd === opd)
      .flatMap((a) => a.answers.map((r) => r.day)),
  )
  const days = eachDay(from, to)
  return days.filter((d) => answered.has(d)).length / days.length
}

/** The Monday-to-Sunday weeks of the demo's range with at least one of what `has` looks for. */
function weeksWith(
  has: (r: ReturnType<typeof demo>['articles'][number]['answers'][number]) => boolean,
) {
  const { from, to } = demoDays(TODAY)
  const weekOf = (day: string) => {
    const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7
    return addDays(day, -weekday)
  }
  const all = new Set(eachDay(from, to).map(weekOf))
  const hit = new Set(
    demo()
      .articles.flatMap((a) => a.answers.filter(has))
      .map((r) => weekOf(r.day)),
  )
  return { all: all.size, hit: hit.size }
}

describe('the news demo as of a given day', () => {
  it('covers the three months before the given day’s month, up to the day before it', () => {
    expect(demoDays(TODAY)).toEqual({ from: '2026-09-01', to: '2026-12-01' })
    const days = demo()
      .articles.flatMap((a) => a.days.map((d) => d.day))
      .sort()
    expect([days[0], days.at(-1)]).toEqual(['2026-09-01', '2026-12-01'])
  })

  it('has answers on most days: of the last 90, of last month, of the month before, of the last week', () => {
    expect(answeredShare(addDays(TODAY, -90), addDays(TODAY, -1))).toBeGreaterThanOrEqual(0.8)
    expect(answeredShare('2026-11-01', '2026-11-30')).toBeGreaterThanOrEqual(0.8)
    expect(answeredShare('2026-10-01', '2026-10-31')).toBeGreaterThanOrEqual(0.8)
    expect(answeredShare(addDays(TODAY, -7), addDays(TODAY, -1))).toBeGreaterThanOrEqual(0.8)
    // Each OPD's own page too.
    for (const { slug } of DEMO_OPDS) {
      expect(
        answeredShare(addDays(TODAY, -90), addDays(TODAY, -1), slug),
        slug,
      ).toBeGreaterThanOrEqual(0.6)
      expect(answeredShare(addDays(TODAY, -7), addDays(TODAY, -1), slug), slug).toBeGreaterThan(0)
    }
  })

  it('has reasons, comments and OPD replies on most weeks', () => {
    for (const [what, has] of [
      ['reasons', (r) => r.reasons.length > 0],
      ['comments', (r) => r.comment !== null],
      ['replies', (r) => r.comment?.reply != null],
    ] as [string, Parameters<typeof weeksWith>[0]][]) {
      const { all, hit } = weeksWith(has)
      expect(hit / all, what).toBeGreaterThanOrEqual(0.75)
    }
  })

  it('answers a comment only before the given day, and only after it was written', () => {
    const comments = demo().articles.flatMap((a) => a.answers.flatMap((r) => r.comment ?? []))
    const todayStarts = Date.parse(`${TODAY}T00:00:00+07:00`)
    for (const c of comments) {
      if (c.repliedAt === null) continue
      expect(c.repliedAt).toBeGreaterThan(c.createdAt)
      expect(c.repliedAt).toBeLessThan(todayStarts)
    }
    // The newest comments still wait for their OPD.
    expect(comments.filter((c) => c.status === 'baru').length).toBeGreaterThan(0)
  })

  it('has per day the counts of its answers, and at least as many views', () => {
    for (const site of demoPlan(TODAY)) {
      for (const a of site.articles) {
        for (const d of a.days) {
          const answers = a.answers.filter((r) => r.day === d.day)
          const counts = [4, 3, 2, 1].map((v) => answers.filter((r) => r.rating === v).length)
          expect(d.counts, `${a.key} ${d.day}`).toEqual(counts)
          expect(d.views).toBeGreaterThanOrEqual(answers.length)
        }
        expect(new Set(a.answers.map((r) => r.day)).size).toBeLessThanOrEqual(a.days.length)
      }
    }
  })

  it('is the same for the same day, and a day’s rows do not depend on the day they are made', () => {
    expect(demoPlan(TODAY)).toEqual(demoPlan(TODAY))
    const rowsOf = (today: string, day: string) =>
      demoPlan(today)
        .find((s) => s.id === DEMO_SITE.id)!
        .articles.map((a) => [
          a.key,
          a.days.find((d) => d.day === day),
          a.answers.filter((r) => r.day === day).map((r) => [r.reader, r.rating, r.at, r.reasons]),
        ])
    // A day a month before both: the same answers, whichever start made them.
    expect(rowsOf('2026-12-09', '2026-11-20')).toEqual(rowsOf(TODAY, '2026-11-20'))
  })
})
