import { describe, expect, it } from 'vitest'
import {
  decidingRule,
  originRuleProblem,
  wildcardsFor,
} from '../../worker/domain/embedding/origins'

// Wildcard origins (docs/contract.md §10; docs/dashboard.md «Wildcard origins»): which origin a rule covers, and
// which rules an admin may register.

const KUDUS = 'https://*.kuduskab.go.id'
const covers = (rule: string, origin: string) => decidingRule(origin, [rule]) === rule

describe('a wildcard origin', () => {
  it('covers the OPD subdomains of its domain, at any depth', () => {
    expect(covers(KUDUS, 'https://dinkes.kuduskab.go.id')).toBe(true)
    expect(covers(KUDUS, 'https://rsud-loekmono-hadi.kuduskab.go.id')).toBe(true)
    expect(covers(KUDUS, 'https://ppid.dinkes.kuduskab.go.id')).toBe(true)
    expect(covers(KUDUS, 'https://xn--dnkes-9ra.kuduskab.go.id')).toBe(true)
  })

  it('never covers the domain itself, look-alikes, another scheme or a port', () => {
    for (const origin of [
      'https://kuduskab.go.id',
      'https://kuduskab.go.id.evil.example',
      'https://dinkes.kuduskab.go.id.evil.example',
      'https://evilkuduskab.go.id',
      'https://dinkes.evilkuduskab.go.id',
      'https://dinkes-kuduskab.go.id',
      'http://dinkes.kuduskab.go.id',
      'https://dinkes.kuduskab.go.id:8443',
      'https://dinkes.kuduskab.go.id:443',
      'https://dinkes.kuduskab.go.id/',
      'https://dinkes.kuduskab.go.id.',
      'https://DINKES.kuduskab.go.id',
      'null',
      '',
      'https://dinkes.kuduskab.go.id@evil.example',
    ]) {
      expect(covers(KUDUS, origin), origin).toBe(false)
    }
  })

  it('of http covers http only', () => {
    expect(covers('http://*.kuduskab.go.id', 'http://dinkes.kuduskab.go.id')).toBe(true)
    expect(covers('http://*.kuduskab.go.id', 'https://dinkes.kuduskab.go.id')).toBe(false)
  })

  it('gives way to an origin registered exactly, and to a longer wildcard', () => {
    const rules = [KUDUS, 'https://*.dinkes.kuduskab.go.id', 'https://rsud.kuduskab.go.id']
    expect(decidingRule('https://rsud.kuduskab.go.id', rules)).toBe('https://rsud.kuduskab.go.id')
    expect(decidingRule('https://ppid.dinkes.kuduskab.go.id', rules)).toBe(
      'https://*.dinkes.kuduskab.go.id',
    )
    expect(decidingRule('https://dinkes.kuduskab.go.id', rules)).toBe(KUDUS)
    expect(decidingRule('https://demakkab.go.id', rules)).toBe(null)
  })

  it('is looked up as the few wildcards of three labels or more above the origin', () => {
    expect(wildcardsFor('https://ppid.dinkes.kuduskab.go.id')).toEqual([
      'https://*.dinkes.kuduskab.go.id',
      'https://*.kuduskab.go.id',
    ])
    expect(wildcardsFor('https://kuduskab.go.id')).toEqual([])
    expect(wildcardsFor('https://a.b.c:8443')).toEqual([])
    expect(wildcardsFor('https://10.0.0.1')).toEqual([])
    expect(wildcardsFor('http://[::1]')).toEqual([])
    expect(wildcardsFor('not an origin')).toEqual([])
  })
})

describe('registering an origin', () => {
  it('takes exact origins and well-formed wildcards', () => {
    for (const rule of [
      'https://kuduskab.go.id',
      'http://localhost:8787',
      KUDUS,
      'http://*.kuduskab.go.id',
      'https://*.dinkes.kuduskab.go.id',
      'https://*.unnes.ac.id',
      'https://*.kalirejo.desa.id',
    ]) {
      expect(originRuleProblem(rule), rule).toBe(null)
    }
  })

  it('refuses wildcards too broad to name one pemda', () => {
    for (const rule of ['https://*.go.id', 'https://*.ac.id', 'https://*.co.id', 'https://*.id']) {
      expect(originRuleProblem(rule), rule).toMatch(/too broad/)
    }
  })

  it('refuses malformed wildcards with a message that says how to write one', () => {
    for (const rule of [
      '*.*.x',
      '*.kuduskab.go.id',
      'https://*.*.kuduskab.go.id',
      'https://a.*.b',
      'https://dinkes.*.go.id',
      'https://*kuduskab.go.id',
      'https://*-dinkes.kuduskab.go.id',
      'https://*',
      'ftp://*.kuduskab.go.id',
      '*://kuduskab.go.id',
    ]) {
      expect(originRuleProblem(rule), rule).toMatch(/wildcard origin is written like/)
    }
    expect(originRuleProblem('https://*.kuduskab.go.id:443')).toMatch(/no port/)
    expect(originRuleProblem('https://*.kuduskab.go.id/')).toMatch(/no port and no path/)
    expect(originRuleProblem('https://*.KudusKab.go.id')).toMatch(/lowercase/)
    expect(originRuleProblem('https://*.kuduskab..go.id')).toMatch(/lowercase/)
    expect(originRuleProblem('https://*.')).toMatch(/lowercase/)
    expect(originRuleProblem('https://*.1.2.3')).toMatch(/not an address/)
  })

  it('refuses exact origins with a path or slash, as before', () => {
    expect(originRuleProblem('https://kuduskab.go.id/')).toMatch(/no trailing slash/)
    expect(originRuleProblem('kuduskab.go.id')).toMatch(/no trailing slash/)
  })
})
