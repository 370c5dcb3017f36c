import { describe, expect, it } from 'vitest'
import {
  isOver,
  monthsOf,
  parsePeriod,
  type Period,
  periodHolding,
  periodsUpTo,
  periodText,
  previousPeriod,
} from '../../worker/domain/calendar/periods'

const range = (text: string) => {
  const p = parsePeriod(text)
  return p && [p.from, p.to]
}
const must = (text: string) => parsePeriod(text) as Period

describe('parsePeriod', () => {
  it.each([
    ['2026', '2026-01-01', '2026-12-31'],
    ['2026-S1', '2026-01-01', '2026-06-30'],
    ['2026-S2', '2026-07-01', '2026-12-31'],
    ['2026-Q1', '2026-01-01', '2026-03-31'],
    ['2026-Q2', '2026-04-01', '2026-06-30'],
    ['2026-Q3', '2026-07-01', '2026-09-30'],
    ['2026-Q4', '2026-10-01', '2026-12-31'],
    ['2026-01', '2026-01-01', '2026-01-31'],
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2028-02', '2028-02-01', '2028-02-29'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['2100-02', '2100-02-01', '2100-02-28'],
    ['2026-04', '2026-04-01', '2026-04-30'],
    ['2026-11', '2026-11-01', '2026-11-30'],
    ['2026-12', '2026-12-01', '2026-12-31'],
    ['2028-Q1', '2028-01-01', '2028-03-31'],
    ['2000', '2000-01-01', '2000-12-31'],
    ['2100-Q4', '2100-10-01', '2100-12-31'],
  ])('%s is %s to %s', (text, from, to) => {
    expect(range(text)).toEqual([from, to])
    expect(must(text).id).toBe(text)
  })

  it('knows a leap year apart from its neighbours', () => {
    expect(must('2028-S1').to).toBe('2028-06-30')
    expect(must('2028-02').to).toBe('2028-02-29')
    expect(must('2027-02').to).toBe('2027-02-28')
  })

  it.each([
    '2026-S3',
    '2026-S0',
    '2026-Q0',
    '2026-Q5',
    '2026-13',
    '2026-00',
    '2026-1',
    '2026-s2',
    '2026-q3',
    '26',
    '1999',
    '2101',
    '1999-12',
    '2026-11-01',
    ' 2026',
    '2026 ',
    '2026-H2',
    '',
  ])('refuses %j', (text) => {
    expect(parsePeriod(text)).toBeNull()
  })
})

describe('isOver', () => {
  it('is false up to and including the last day, true from the day after', () => {
    expect(isOver(must('2026-Q3'), '2026-09-30')).toBe(false)
    expect(isOver(must('2026-Q3'), '2026-10-01')).toBe(true)
    expect(isOver(must('2026'), '2026-12-31')).toBe(false)
    expect(isOver(must('2026'), '2027-01-01')).toBe(true)
    expect(isOver(must('2028-02'), '2028-02-29')).toBe(false)
    expect(isOver(must('2028-02'), '2028-03-01')).toBe(true)
    expect(isOver(must('2026-S2'), '2026-07-01')).toBe(false)
  })
})

describe('previousPeriod', () => {
  it.each([
    ['2026', '2025'],
    ['2026-S2', '2026-S1'],
    ['2026-S1', '2025-S2'],
    ['2026-Q3', '2026-Q2'],
    ['2026-Q1', '2025-Q4'],
    ['2026-11', '2026-10'],
    ['2026-01', '2025-12'],
    ['2028-03', '2028-02'],
  ])('before %s comes %s', (text, before) => {
    expect(previousPeriod(must(text))).toEqual(parsePeriod(before))
  })

  it('has none before 2000', () => {
    expect(previousPeriod(must('2000-Q1'))).toBeNull()
    expect(previousPeriod(must('2000'))).toBeNull()
  })
})

describe('monthsOf', () => {
  it('lists the months of each kind of period', () => {
    expect(monthsOf(must('2026-S2')).map((m) => m.id)).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ])
    expect(monthsOf(must('2026-Q1')).map((m) => m.id)).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(monthsOf(must('2026')).length).toBe(12)
    expect(monthsOf(must('2026-11')).map((m) => m.id)).toEqual(['2026-11'])
  })
})

describe('periodHolding', () => {
  it('finds the period of each kind that holds a day', () => {
    expect(periodHolding('year', '2026-12-02')?.id).toBe('2026')
    expect(periodHolding('semester', '2026-06-30')?.id).toBe('2026-S1')
    expect(periodHolding('semester', '2026-07-01')?.id).toBe('2026-S2')
    expect(periodHolding('quarter', '2026-09-30')?.id).toBe('2026-Q3')
    expect(periodHolding('quarter', '2026-10-01')?.id).toBe('2026-Q4')
    expect(periodHolding('month', '2026-11-30')?.id).toBe('2026-11')
  })
})

describe('periodsUpTo', () => {
  it('lists the period holding the day and those before it, newest first, across years', () => {
    expect(periodsUpTo('quarter', '2026-02-10', 3).map((p) => p.id)).toEqual([
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
    ])
    expect(periodsUpTo('month', '2026-01-31', 2).map((p) => p.id)).toEqual(['2026-01', '2025-12'])
  })

  it('stops at 2000', () => {
    expect(periodsUpTo('semester', '2000-08-01', 4).map((p) => p.id)).toEqual([
      '2000-S2',
      '2000-S1',
    ])
  })
})

describe('periodText', () => {
  it('names each kind of period in Indonesian, as the reports and the dashboard say it', () => {
    expect(periodText('2026')).toBe('Tahun 2026')
    expect(periodText('2026-S2')).toBe('Semester II 2026')
    expect(periodText('2026-Q3')).toBe('Triwulan III 2026')
    expect(periodText('2026-11')).toBe('November 2026')
    expect(periodText('2026-02')).toBe('Februari 2026')
  })

  it('leaves a label it cannot read as it is', () => {
    expect(periodText('2026-Q5')).toBe('2026-Q5')
  })
})
