import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { answer, comment, errorOf, seedSite } from './client'
import { expectRefusals, get, seedArticle, send, tokenFor } from './stats-fixtures'

// The audit log (docs/dashboard.md «Audit log»): every change made with a token is one row,
// written with the change itself; an admin reads it; nobody edits it through the API.

const SITE = 'audit'
const ORIGIN = 'https://audit.go.id'
let admin: { id: string; token: string }

beforeAll(async () => {
  admin = await tokenFor('admin')
  await seedArticle(SITE, 'bappeda', 'https://audit.go.id/a', 'A', {
    '2026-11-02': [2, 1, 0, 0, 9],
  })
  await seedArticle(SITE, 'bappeda', 'https://audit.go.id/b', 'B', {
    '2026-11-03': [0, 1, 0, 0, 4],
  })
  await seedArticle(SITE, 'rsud', 'https://audit.go.id/c', 'C', { '2026-11-03': [1, 0, 0, 0, 2] })
})

type Row = {
  at: number
  token: { id: string; label: string; role: string }
  action: string
  site: string | null
  target: string
  before: unknown
  after: unknown
}

async function log(query = '') {
  const res = await get(`/api/v1/admin/audit?site=${SITE}${query}`, admin.token)
  expect(res.status).toBe(200)
  return (await res.json<{ rows: Row[] }>()).rows
}

describe('the audit log', () => {
  it('records a merge: when, which token, what, before → after', async () => {
    const before = Date.now()
    const res = await send('POST', `/api/v1/admin/sites/${SITE}/opds/bappeda/merge`, admin.token, {
      into: 'rsud',
    })
    expect(res.status).toBe(200)
    const [row] = await log('&action=opd.merge')
    expect(row).toMatchObject({
      token: { id: admin.id, label: 'test admin', role: 'admin' },
      action: 'opd.merge',
      site: SITE,
      target: 'bappeda',
      before: { opd: 'bappeda', articles: 2 },
      after: { opd: 'rsud' },
    })
    expect(row.at).toBeGreaterThanOrEqual(before)
    expect(row.at).toBeLessThanOrEqual(Date.now())
  })

  it('lists newest first, filtered by action and by day', async () => {
    const moved = await send('PATCH', `/api/v1/admin/sites/${SITE}/articles`, admin.token, {
      article: 'https://audit.go.id/c',
      title: 'C, dikoreksi',
    })
    expect(moved.status).toBe(200)
    const rows = await log()
    expect(rows.map((r) => r.action).slice(0, 2)).toEqual(['article.move', 'opd.merge'])
    expect(rows[0]).toMatchObject({
      target: 'https://audit.go.id/c',
      before: { opd: 'rsud', title: 'C' },
      after: { opd: 'rsud', title: 'C, dikoreksi' },
    })
    expect((await log('&action=article.move')).map((r) => r.action)).toEqual(['article.move'])
    expect(await log('&from=2000-01-01&to=2000-01-02')).toEqual([])
    expect(await log('&limit=1')).toHaveLength(1)
  })

  it('records sites, OPDs, tokens and webhooks, never a secret', async () => {
    const steps: [string, string, unknown][] = [
      ['PATCH', `/api/v1/admin/sites/${SITE}`, { name: 'Pemda Audit', region: '35.22' }],
      ['PUT', `/api/v1/admin/sites/${SITE}/opds/dinkes`, { name: 'Dinas Kesehatan' }],
      ['PATCH', `/api/v1/admin/sites/${SITE}/opds/dinkes`, { category: 'kesehatan' }],
      ['POST', '/api/v1/admin/tokens', { role: 'opd', site: SITE, opd: 'dinkes', label: 'Dinkes' }],
      [
        'POST',
        '/api/v1/admin/webhooks',
        {
          site: SITE,
          url: 'https://hooks.example.com/t',
          events: ['comment.created'],
          format: 'json',
        },
      ],
    ]
    const made: Record<string, string>[] = []
    for (const [method, path, body] of steps) {
      const res = await send(method, path, admin.token, body)
      expect(res.status, path).toBeLessThan(300)
      made.push(await res.json())
    }
    const [token, webhook] = made.slice(3)
    expect((await send('DELETE', `/api/v1/admin/tokens/${token.id}`, admin.token)).status).toBe(204)
    // A second revocation changes nothing, and logs nothing.
    expect((await send('DELETE', `/api/v1/admin/tokens/${token.id}`, admin.token)).status).toBe(204)
    expect((await send('DELETE', `/api/v1/admin/webhooks/${webhook.id}`, admin.token)).status).toBe(
      204,
    )
    const rows = (await log()).slice(0, 7).reverse()
    expect(rows.map((r) => [r.action, r.target])).toEqual([
      ['site.update', SITE],
      ['opd.save', 'dinkes'],
      ['opd.category', 'dinkes'],
      ['token.create', token.id],
      ['webhook.create', webhook.id],
      ['token.revoke', token.id],
      ['webhook.delete', webhook.id],
    ])
    expect(rows[0]).toMatchObject({
      before: { name: `Pemda ${SITE}`, region: null },
      after: { name: 'Pemda Audit', region: '35.22' },
    })
    expect(rows[1]).toMatchObject({ before: null, after: { name: 'Dinas Kesehatan' } })
    expect(rows[2].after).toEqual({ category: 'kesehatan' })
    expect(rows[3].after).toMatchObject({ role: 'opd', site: SITE, opd: 'dinkes', label: 'Dinkes' })
    const text = JSON.stringify(rows)
    expect(text).not.toContain(token.token)
    expect(text).not.toContain(webhook.secret)
  })

  it('records a comment’s follow-up by an OPD’s token, with the fields as they were', async () => {
    await seedSite(SITE, [ORIGIN])
    const article = `${ORIGIN}/berita/jalan`
    const reader = crypto.randomUUID()
    await answer(ORIGIN, { opd: 'rsud', article, reader, rating: 1 })
    expect((await comment(ORIGIN, { opd: 'rsud', article, reader })).status).toBe(204)
    const { id } = (await env.DB.prepare('SELECT id FROM comments WHERE reader = ?')
      .bind(reader)
      .first<{ id: number }>())!
    const rsud = await tokenFor('opd', SITE, 'rsud')
    const change = { status: 'diteruskan', reply: 'Sedang kami periksa' }
    const res = await send('PATCH', `/api/v1/admin/comments/${id}`, rsud.token, change)
    expect(res.status).toBe(200)
    const [row] = await log('&action=comment.follow_up')
    expect(row).toMatchObject({
      token: { id: rsud.id, label: 'test opd', role: 'opd' },
      target: String(id),
      before: { status: 'baru', reply: null },
      after: change,
    })
  })

  it('logs nothing for a refused change', async () => {
    await expectRefusals(admin.token, [
      [
        'POST',
        `/api/v1/admin/sites/${SITE}/opds/rsud/merge`,
        { into: 'rsud' },
        400,
        'invalid_request',
      ],
      ['POST', `/api/v1/admin/sites/${SITE}/opds/rsud/merge`, { into: 'nope' }, 404, 'unknown_opd'],
      ['DELETE', `/api/v1/admin/sites/${SITE}/opds/rsud`, undefined, 409, 'opd_in_use'],
      [
        'PATCH',
        `/api/v1/admin/sites/${SITE}/articles`,
        { article: 'x', opd: 'rsud' },
        404,
        'unknown_article',
      ],
      ['DELETE', '/api/v1/admin/tokens/nope', undefined, 404, 'unknown_token'],
    ])
  })

  it('is read by admins only', async () => {
    for (const role of ['kominfo', 'provinsi'] as const) {
      const other = await tokenFor(role, null, null, role === 'provinsi' ? '35' : null)
      const res = await get(`/api/v1/admin/audit?site=${SITE}`, other.token)
      expect(await errorOf(res)).toMatchObject({ status: 403, code: 'forbidden' })
    }
    const opd = await tokenFor('opd', SITE, 'rsud')
    expect(await errorOf(await get('/api/v1/admin/audit', opd.token))).toMatchObject({
      status: 403,
    })
  })

  it('cannot be edited or deleted through the API, nor in the database', async () => {
    const rows = await log()
    for (const method of ['PATCH', 'PUT', 'DELETE', 'POST']) {
      const res = await send(method, '/api/v1/admin/audit', admin.token, {})
      expect(res.status, method).toBe(404)
      const one = await send(method, `/api/v1/admin/audit/${rows.length}`, admin.token, {})
      expect(one.status, method).toBe(404)
    }
    await expect(env.DB.prepare('DELETE FROM audit_log').run()).rejects.toThrow(/append-only/)
    await expect(env.DB.prepare("UPDATE audit_log SET action = 'x'").run()).rejects.toThrow(
      /append-only/,
    )
    expect(await log()).toEqual(rows)
  })
})
