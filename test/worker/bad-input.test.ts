import { beforeAll, describe, expect, it } from 'vitest'
import {
  call,
  callInProcess,
  errorOf,
  seedSite,
  type Send,
  unchanged,
  wholeDatabase,
} from './client'

// Every bad request is answered 4xx in the contract's error shape and changes nothing.

const SITE = 'jepara'
const ORIGIN = 'https://jeparakab.go.id'
const reader = '4f1c2a9e-8b3d-4e6f-9a1b-2c3d4e5f6a7b'
const good = { opd: 'diskominfo', article: 'https://jeparakab.go.id/berita/1', rating: 4, reader }
const json = (body: unknown) => JSON.stringify(body)
const without = (key: keyof typeof good) =>
  Object.fromEntries(Object.entries(good).filter(([k]) => k !== key))

type Case = [
  name: string,
  method: string,
  path: string,
  body: BodyInit | null,
  status: number,
  code: string,
  send?: Send,
]
const R = '/api/v1/responses'
const V = '/api/v1/views'
const S = '/api/v1/summary'
const o = { origin: ORIGIN }

const cases: Case[] = [
  ['rating 0', 'POST', R, json({ ...good, rating: 0 }), 400, 'invalid_request', o],
  ['rating 5', 'POST', R, json({ ...good, rating: 5 }), 400, 'invalid_request', o],
  ['rating 2.5', 'POST', R, json({ ...good, rating: 2.5 }), 400, 'invalid_request', o],
  ['rating as a string', 'POST', R, json({ ...good, rating: '4' }), 400, 'invalid_request', o],
  ['rating null', 'POST', R, json({ ...good, rating: null }), 400, 'invalid_request', o],
  ['rating missing', 'POST', R, json(without('rating')), 400, 'invalid_request', o],
  ['rating -1', 'POST', R, json({ ...good, rating: -1 }), 400, 'invalid_request', o],
  ['rating huge', 'POST', R, json({ ...good, rating: 1e308 }), 400, 'invalid_request', o],
  ['reader missing', 'POST', R, json(without('reader')), 400, 'invalid_request', o],
  [
    'reader not a UUID',
    'POST',
    R,
    json({ ...good, reader: 'pembaca-1' }),
    400,
    'invalid_request',
    o,
  ],
  ['reader a number', 'POST', R, json({ ...good, reader: 12345 }), 400, 'invalid_request', o],
  [
    'reader with SQL',
    'POST',
    R,
    json({ ...good, reader: "x' OR 1=1 --" }),
    400,
    'invalid_request',
    o,
  ],
  ['opd missing', 'POST', R, json(without('opd')), 400, 'invalid_request', o],
  [
    'opd with spaces and capitals',
    'POST',
    R,
    json({ ...good, opd: 'Dinas Kominfo' }),
    400,
    'invalid_request',
    o,
  ],
  ['opd empty', 'POST', R, json({ ...good, opd: '' }), 400, 'invalid_request', o],
  ['opd too long', 'POST', R, json({ ...good, opd: 'a'.repeat(65) }), 400, 'invalid_request', o],
  [
    'opd with a leading dash',
    'POST',
    R,
    json({ ...good, opd: '-diskominfo' }),
    400,
    'invalid_request',
    o,
  ],
  ['opd an object', 'POST', R, json({ ...good, opd: { slug: 'x' } }), 400, 'invalid_request', o],
  ['article missing', 'POST', R, json(without('article')), 400, 'invalid_request', o],
  ['article blank', 'POST', R, json({ ...good, article: '   ' }), 400, 'invalid_request', o],
  [
    'article over 2 KB',
    'POST',
    R,
    json({ ...good, article: 'https://x.id/' + 'a'.repeat(2040) }),
    400,
    'invalid_request',
    o,
  ],
  [
    'article with a control character',
    'POST',
    R,
    json({ ...good, article: 'a\nb' }),
    400,
    'invalid_request',
    o,
  ],
  [
    'article a javascript: URL',
    'POST',
    R,
    json({ ...good, article: 'javascript:alert(1)' }),
    400,
    'invalid_request',
    o,
  ],
  [
    'article an ftp URL',
    'POST',
    R,
    json({ ...good, article: 'ftp://jeparakab.go.id/berita/1' }),
    400,
    'invalid_request',
    o,
  ],
  [
    'article an id with spaces',
    'POST',
    R,
    json({ ...good, article: 'berita 1' }),
    400,
    'invalid_request',
    o,
  ],
  [
    'article an id over 200 characters',
    'POST',
    R,
    json({ ...good, article: 'a'.repeat(201) }),
    400,
    'invalid_request',
    o,
  ],
  [
    'article a URL of another origin',
    'POST',
    R,
    json({ ...good, article: 'https://palsu.example/1' }),
    422,
    'article_not_registered',
    o,
  ],
  [
    'view of a URL of another origin',
    'POST',
    V,
    json({ ...good, article: 'https://palsu.example/1' }),
    422,
    'article_not_registered',
    o,
  ],
  ['title a number', 'POST', R, json({ ...good, title: 42 }), 400, 'invalid_request', o],
  ['body not JSON', 'POST', R, 'rating=4&opd=diskominfo', 400, 'invalid_json', o],
  ['body truncated JSON', 'POST', R, '{"opd":"diskominfo","rating":4', 400, 'invalid_json', o],
  ['body empty', 'POST', R, '', 400, 'invalid_json', o],
  ['body a JSON array', 'POST', R, json([good]), 400, 'invalid_request', o],
  ['body a JSON string', 'POST', R, json('halo'), 400, 'invalid_request', o],
  ['body null', 'POST', R, 'null', 400, 'invalid_request', o],
  [
    'body over 4 KB',
    'POST',
    R,
    json({ ...good, padding: 'x'.repeat(4200) }),
    413,
    'payload_too_large',
    o,
  ],
  [
    'body not UTF-8',
    'POST',
    R,
    new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    400,
    'invalid_json',
    o,
  ],
  [
    'form content type',
    'POST',
    R,
    json(good),
    415,
    'unsupported_media_type',
    { ...o, contentType: 'application/x-www-form-urlencoded' },
  ],
  [
    'multipart content type',
    'POST',
    R,
    json(good),
    415,
    'unsupported_media_type',
    { ...o, contentType: 'multipart/form-data; boundary=x' },
  ],
  [
    'unregistered origin',
    'POST',
    R,
    json(good),
    403,
    'origin_not_allowed',
    { origin: 'https://bukan-pemda.example' },
  ],
  [
    'origin "null" (sandboxed frame)',
    'POST',
    R,
    json(good),
    403,
    'origin_not_allowed',
    { origin: 'null' },
  ],
  ['no origin and no site', 'POST', R, json(good), 400, 'site_required', {}],
  [
    'no origin and an unknown site',
    'POST',
    R,
    json({ ...good, site: 'tidak-ada' }),
    404,
    'unknown_site',
    {},
  ],
  [
    'a site that is not a slug',
    'POST',
    R,
    json({ ...good, site: 'Situs Pemda!' }),
    400,
    'invalid_request',
    {},
  ],
  ['view without reader', 'POST', V, json(without('reader')), 400, 'invalid_request', o],
  ['view with a bad article', 'POST', V, json({ ...good, article: '' }), 400, 'invalid_request', o],
  [
    'view from an unregistered origin',
    'POST',
    V,
    json(good),
    403,
    'origin_not_allowed',
    { origin: 'https://evil.example' },
  ],
  ['summary without article', 'GET', `${S}?site=${SITE}`, null, 400, 'invalid_request'],
  [
    'summary with a bad reader',
    'GET',
    `${S}?site=${SITE}&article=x&reader=abc`,
    null,
    400,
    'invalid_request',
  ],
  [
    'summary with an article over 2 KB',
    'GET',
    `${S}?site=${SITE}&article=${'a'.repeat(2100)}`,
    null,
    400,
    'invalid_request',
  ],
  ['summary without a site or origin', 'GET', `${S}?article=x`, null, 400, 'site_required'],
  ['responses read with GET', 'GET', R, null, 404, 'not_found', o],
  ['an unknown endpoint', 'POST', '/api/v1/votes', json(good), 404, 'not_found', o],
]

beforeAll(() => seedSite(SITE, [ORIGIN]))

describe('bad input', () => {
  it(`has at least 30 distinct cases (${cases.length})`, () => {
    expect(new Set(cases.map((c) => c[0])).size).toBe(cases.length)
    expect(cases.length).toBeGreaterThanOrEqual(30)
  })

  it.each(cases)(
    '%s → %i %s, nothing changed',
    async (_name, method, path, body, status, code, send) => {
      const res = await unchanged(() => call(method, path, body, send))
      expect(await errorOf(res)).toMatchObject({ status, code })
    },
  )

  it('stops reading a chunked body without Content-Length at 4 KB: 413, the rest never pulled', async () => {
    let pulled = 0
    const chunk = new TextEncoder().encode('x'.repeat(1024))
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled >= 1024 * 1024) return controller.close()
          pulled += chunk.byteLength
          controller.enqueue(chunk)
        },
      },
      { highWaterMark: 0 },
    )
    const before = await wholeDatabase()
    const res = await callInProcess('POST', R, body, { ...o, contentType: 'text/plain' })
    expect(await errorOf(res)).toMatchObject({ status: 413, code: 'payload_too_large' })
    expect(pulled).toBeLessThanOrEqual(8 * 1024)
    expect(await wholeDatabase()).toEqual(before)
  })

  it('the good request these cases spoil is itself accepted', async () => {
    const res = await call('POST', R, json(good), o)
    expect(res.status).toBe(200)
  })
})
