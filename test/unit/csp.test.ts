import { describe, expect, it } from 'vitest'
import { cspVerdict } from '../../worker/domain/embedding/csp'

// Whether a page's CSP lets the widget load and call its API (POST /admin/check-embed,
// docs/embedding.md «Checking an embed»).

const WORKER = 'https://tanggapan.kuduskab.go.id'
const PAGE = 'https://dinkes.kuduskab.go.id/berita/1'
const verdict = (...policies: string[]) => cspVerdict(policies, PAGE, WORKER)

describe('a page’s CSP and the widget', () => {
  it('allows everything when the page has no policy, or one that says nothing of scripts', () => {
    expect(verdict()).toEqual({ script: true, connect: true })
    expect(verdict("img-src 'self'; frame-ancestors 'none'")).toEqual({
      script: true,
      connect: true,
    })
  })

  it('reads the host, a wildcard subdomain, a scheme or * as allowing it', () => {
    for (const source of [
      'tanggapan.kuduskab.go.id',
      'https://tanggapan.kuduskab.go.id',
      'https://tanggapan.kuduskab.go.id:443',
      'http://tanggapan.kuduskab.go.id',
      '*.kuduskab.go.id',
      'https://*.go.id',
      'https:',
      '*',
      'https://tanggapan.kuduskab.go.id/',
    ]) {
      expect(verdict(`script-src ${source}; connect-src ${source}`), source).toEqual({
        script: true,
        connect: true,
      })
    }
  })

  it('falls back to default-src when a directive is missing', () => {
    expect(verdict(`default-src 'self'; script-src ${WORKER}`)).toEqual({
      script: true,
      connect: false,
    })
    expect(verdict(`default-src ${WORKER}`)).toEqual({ script: true, connect: true })
  })

  it("refuses 'none', 'self' of another origin, look-alikes, other ports and schemes", () => {
    for (const source of [
      "'none'",
      "'self'",
      'kuduskab.go.id',
      '*.tanggapan.kuduskab.go.id',
      'tanggapan.kuduskab.go.id.evil.example',
      'https://tanggapan.kuduskab.go.id:8443',
      'wss:',
      'data:',
      'https://tanggapan.kuduskab.go.id/static/',
      "'unsafe-inline'",
      "'nonce-abc'",
    ]) {
      expect(verdict(`default-src ${source}`), source).toEqual({ script: false, connect: false })
    }
  })

  it("counts 'self' when the Worker serves the page itself", () => {
    expect(cspVerdict(["default-src 'self'"], `${WORKER}/demo`, WORKER)).toEqual({
      script: true,
      connect: true,
    })
  })

  it('needs every policy to allow it: two headers, a header and a meta tag', () => {
    expect(verdict(`script-src ${WORKER}`, `script-src 'self'`).script).toBe(false)
    expect(verdict(`script-src ${WORKER}, connect-src 'none'`)).toEqual({
      script: true,
      connect: false,
    })
  })

  it("takes script-src-elem over script-src, and 'strict-dynamic' as refusing a plain tag", () => {
    expect(verdict(`script-src ${WORKER}; script-src-elem 'self'`).script).toBe(false)
    expect(verdict(`script-src 'strict-dynamic' ${WORKER} 'nonce-x'`).script).toBe(false)
  })

  it('matches a path: a directory covers what is under it, a file only itself', () => {
    expect(verdict(`script-src ${WORKER}/widget.js`).script).toBe(false) // its chunks are refused
    expect(verdict(`connect-src ${WORKER}/api/v1/`).connect).toBe(true)
  })
})
