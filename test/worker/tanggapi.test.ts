import { env, exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY } from '../../worker/abuse/limits'
import { BAR_TRACK, PALETTE } from '../../widget/ui/palette'
import { REASONS } from '../../worker/domain/comments/reasons'
import type { Summary } from '../../worker/domain/figures/summary'
import {
  answer,
  BASE,
  call,
  newArticle,
  type Send,
  seedSite,
  settle,
  someAddress,
  summaryOf,
  unchanged,
} from './client'

// The widget without JavaScript (docs/contract.md §10): GET /tanggapi shows the question, the four
// answers as one form and the figures; its POST records the answer under the API's rules,
// keeps the reader in a cookie and sends the reader back (303). Bad input is a 4xx page
// and changes nothing.

const SITE = 'pati'
const ORIGIN = 'https://patikab.go.id'

beforeAll(() => seedSite(SITE, [ORIGIN]))

const pageOf = (article: string, opd = 'diskominfo', site = SITE) =>
  `/tanggapi?${new URLSearchParams({ site, opd, article })}`

/**
 * The form as the page's browser sends it: urlencoded, from the Worker's own origin. The
 * redirect is not followed, so the test sees the 303 and its Set-Cookie.
 */
function post(fields: Record<string, string | string[]>, send: Send = {}, path = '/tanggapi') {
  const headers = new Headers(send.headers)
  headers.set('CF-Connecting-IP', send.address ?? someAddress())
  const origin = send.origin === undefined ? BASE : send.origin
  if (origin !== null) headers.set('Origin', origin)
  headers.set('Content-Type', send.contentType ?? 'application/x-www-form-urlencoded')
  const body = new URLSearchParams(
    Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => [k, x])),
  ).toString()
  return exports.default.fetch(
    new Request(`${BASE}${path}`, { method: 'POST', headers, body, redirect: 'manual' }),
  )
}

const form = (article: string, rating: string) => ({
  site: SITE,
  opd: 'diskominfo',
  article,
  rating,
})

/** The reader cookie a response sets, and the whole Set-Cookie line. */
function readerCookie(res: Response) {
  const line = res.headers.get('Set-Cookie') ?? ''
  return { line, id: /^tanggapan_reader=([^;]+)/.exec(line)?.[1] }
}

const withCookie = (id: string): Send => ({ headers: { Cookie: `tanggapan_reader=${id}` } })

async function figures(article: string, reader?: string) {
  return (await summaryOf(SITE, article, reader)).json<Summary>()
}

describe('GET /tanggapi', () => {
  it('shows the question, four answers in one form posting back here, and the percentages', async () => {
    const article = newArticle(ORIGIN)
    await answer(ORIGIN, { article, rating: 4 })
    await answer(ORIGIN, { article, rating: 3 })
    await answer(ORIGIN, { article, rating: 3 })
    await answer(ORIGIN, { article, rating: 1 })
    const res = await call('GET', pageOf(article))
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    const csp = res.headers.get('Content-Security-Policy') ?? ''
    expect(csp).toContain("script-src 'none'")
    expect(csp).toContain("form-action 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(res.headers.get('Set-Cookie')).toBeNull()
    const page = await res.text()
    expect(page).toContain('Bagaimana Tanggapan Anda?')
    expect(page).not.toMatch(/<script/i)
    expect(page.match(/<form /g)).toHaveLength(1)
    expect(page).toContain('<form method="post" action="/tanggapi">')
    const buttons = [...page.matchAll(/<button type="submit" name="rating" value="(\d)">/g)]
    expect(buttons.map((m) => m[1])).toEqual(['4', '3', '2', '1'])
    // The same percentages as the API's summary, best answer first.
    const { percentages } = await figures(article)
    expect(percentages).toEqual({ sangat_puas: 25, puas: 50, cukup_puas: 0, tidak_puas: 25 })
    expect([...page.matchAll(/class="percent">(\d+)%/g)].map((m) => Number(m[1]))).toEqual([
      25, 50, 0, 25,
    ])
    expect(page).toContain('4 tanggapan')
    expect(page).not.toContain('Terima kasih')
  })

  it('escapes the article, and links back only to a URL of the site', async () => {
    const article = `${ORIGIN}/berita/x?q="><script>alert(1)</script>`
    const page = await (await call('GET', pageOf(article))).text()
    expect(page).not.toMatch(/<script/i)
    expect(page).toContain('&lt;script&gt;')
    const opaque = await (await call('GET', pageOf('berita-2026/0042'))).text()
    expect(opaque).toContain('<code>berita-2026/0042</code>')
  })
})

describe('POST /tanggapi', () => {
  it('stores the answer, gives the reader a cookie and sends them back to the page (303)', async () => {
    const article = newArticle(ORIGIN)
    const res = await post(form(article, '3'))
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(pageOf(article))
    const { line, id } = readerCookie(res)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(line).toContain('HttpOnly')
    expect(line).toContain('Secure')
    expect(line).toContain('SameSite=Lax')
    expect(line).toContain('Path=/tanggapi')
    expect(line).toMatch(/Max-Age=34560000/)

    // Counted as the API counts it, under the cookie's reader.
    const summary = await figures(article, id)
    expect(summary.counts).toEqual({ sangat_puas: 0, puas: 1, cukup_puas: 0, tidak_puas: 0 })
    expect(summary.yours).toBe(3)

    const page = await (await call('GET', pageOf(article), null, withCookie(id!))).text()
    expect(page).toContain('Terima kasih!')
    expect(page).toContain('Jawaban Anda: <strong>Puas</strong>')
    expect(page).toMatch(/<li class="yours">\s*<button type="submit" name="rating" value="3">/)
    expect(page.match(/class="yours"/g)).toHaveLength(1)
    expect(page).toContain('class="percent">100%')
    // Without the cookie, the same page knows no answer of yours.
    expect(await (await call('GET', pageOf(article))).text()).not.toContain('Terima kasih')
  })

  it('changes the answer on a second POST with the same cookie, never counting it twice', async () => {
    const article = newArticle(ORIGIN)
    const { id } = readerCookie(await post(form(article, '4')))
    const again = await post(form(article, '1'), withCookie(id!))
    expect(again.status).toBe(303)
    expect(readerCookie(again).id).toBe(id)
    const summary = await figures(article, id)
    expect(summary.counts).toEqual({ sangat_puas: 0, puas: 0, cukup_puas: 0, tidak_puas: 1 })
    expect(summary.total).toBe(1)
    expect(summary.yours).toBe(1)
    await settle()
    const rows = await env.DB.prepare(
      'SELECT r.reader, r.rating FROM responses r JOIN articles a ON a.id = r.article_id WHERE a.key = ?',
    )
      .bind(article)
      .all()
    expect(rows.results).toEqual([{ reader: id, rating: 1 }])

    // Another reader (no cookie) is a second response.
    await post(form(article, '4'))
    expect((await figures(article)).total).toBe(2)
  })

  it('takes an opaque article id, and adds a new OPD on first use as the API does', async () => {
    const res = await post({ ...form('berita-2026/0042', '2'), opd: 'dinas-baru' })
    expect(res.status).toBe(303)
    const opd = await env.DB.prepare('SELECT slug FROM opds WHERE site_id = ? AND slug = ?')
      .bind(SITE, 'dinas-baru')
      .first()
    expect(opd).toEqual({ slug: 'dinas-baru' })
    expect((await figures('berita-2026/0042')).counts.cukup_puas).toBe(1)
  })

  it('counts against the same per-address bound as the API: past it, 429 and nothing stored', async () => {
    const article = newArticle(ORIGIN)
    const address = '10.99.0.1'
    for (let i = 0; i < NEW_RESPONSES_PER_ADDRESS_ARTICLE_DAY; i++) {
      expect((await answer(ORIGIN, { article }, { address })).status).toBe(200)
    }
    const res = await unchanged(() => post(form(article, '4'), { address }))
    expect(res.status).toBe(429)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(await res.text()).toContain('Terlalu banyak jawaban')
    expect(res.headers.get('Set-Cookie')).toBeNull()
  })
})

describe('bad input to /tanggapi', () => {
  const article = `${ORIGIN}/berita/salah`
  const good = form(article, '4')
  const without = (key: keyof typeof good) =>
    Object.fromEntries(Object.entries(good).filter(([k]) => k !== key))

  const cases: [name: string, run: () => Promise<Response>, status: number, says: string][] = [
    ['an unknown site', () => post({ ...good, site: 'tidak-ada' }), 404, 'Situs tidak dikenal'],
    ['no site', () => post(without('site')), 400, 'tidak lengkap'],
    ['no OPD', () => post(without('opd')), 400, 'tidak lengkap'],
    ['an OPD that is no slug', () => post({ ...good, opd: 'Dinas Kominfo' }), 400, 'opd'],
    ['no article', () => post(without('article')), 400, 'tidak lengkap'],
    [
      'an article of an origin the site has not registered',
      () => post({ ...good, article: 'https://evil.example/berita/1' }),
      422,
      'tidak terdaftar',
    ],
    [
      'an article of another site’s look-alike origin',
      () => post({ ...good, article: 'https://patikab.go.id.evil.example/berita/1' }),
      422,
      'tidak terdaftar',
    ],
    [
      'a javascript: article',
      () => post({ ...good, article: 'javascript:alert(1)' }),
      400,
      'article',
    ],
    ['no rating', () => post(without('rating')), 400, 'rating'],
    ['rating 0', () => post({ ...good, rating: '0' }), 400, 'rating'],
    ['rating 5', () => post({ ...good, rating: '5' }), 400, 'rating'],
    ['rating 2.5', () => post({ ...good, rating: '2.5' }), 400, 'rating'],
    ['rating as a word', () => post({ ...good, rating: 'puas' }), 400, 'rating'],
    ['rating empty', () => post({ ...good, rating: '' }), 400, 'rating'],
    [
      'a POST from another site’s page (CSRF)',
      () => post(good, { origin: 'https://evil.example' }),
      403,
      'hanya dapat dikirim',
    ],
    [
      'a POST from a registered site’s page rather than this one',
      () => post(good, { origin: ORIGIN }),
      403,
      'hanya dapat dikirim',
    ],
    ['a POST with Origin: null', () => post(good, { origin: 'null' }), 403, 'hanya dapat dikirim'],
    [
      'a POST with neither Origin nor Referer',
      () => post(good, { origin: null }),
      403,
      'hanya dapat dikirim',
    ],
    [
      'a POST with a Referer of another site',
      () => post(good, { origin: null, headers: { Referer: 'https://evil.example/x' } }),
      403,
      'hanya dapat dikirim',
    ],
    [
      'JSON instead of a form',
      () => post(good, { contentType: 'application/json' }),
      415,
      'tidak lengkap',
    ],
    [
      'a body over 8 KB',
      () => post({ ...good, article: `${ORIGIN}/berita/${'a'.repeat(9000)}` }),
      413,
      'tidak lengkap',
    ],
    [
      'GET of an unknown site',
      () => call('GET', pageOf(article, 'diskominfo', 'tidak-ada')),
      404,
      'Situs tidak dikenal',
    ],
    [
      'GET of an article the site has not registered',
      () => call('GET', pageOf('https://evil.example/berita/1')),
      422,
      'tidak terdaftar',
    ],
    [
      'GET without an article',
      () => call('GET', `/tanggapi?${new URLSearchParams({ site: SITE, opd: 'diskominfo' })}`),
      400,
      'tidak lengkap',
    ],
  ]

  it.each(cases)('%s: a 4xx page in Indonesian, nothing stored', async (_, run, status, says) => {
    const res = await unchanged(run)
    expect(res.status).toBe(status)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'none'")
    expect(res.headers.get('Set-Cookie')).toBeNull()
    const page = await res.text()
    expect(page).toContain(says)
    expect(page).toContain('Tidak ada yang disimpan.')
    expect(page).not.toContain('Nothing was stored.')
  })

  it('speaks English on an error page only when the link or the form asked for it', async () => {
    const link = await call('GET', `${pageOf('https://evil.example/berita/1')}&lang=en`)
    expect(link.status).toBe(422)
    const linkPage = await link.text()
    expect(linkPage).toContain('<html lang="en">')
    expect(linkPage).toContain('This article is not registered for that site')
    expect(linkPage).toContain('Nothing was stored.')
    expect(linkPage).not.toContain('Tidak ada yang disimpan.')
    const sent = await unchanged(() => post({ ...good, rating: '9', lang: 'en' }))
    expect(sent.status).toBe(400)
    expect(await sent.text()).toContain('Nothing was stored.')
  })

  it('the good form these cases spoil is itself accepted, also with Sec-Fetch-Site or a Referer only', async () => {
    expect((await post(good)).status).toBe(303)
    const sameOrigin = { origin: null, headers: { 'Sec-Fetch-Site': 'same-origin' } }
    expect((await post(form(`${ORIGIN}/berita/sfs`, '4'), sameOrigin)).status).toBe(303)
    const referer = { origin: null, headers: { Referer: `${BASE}${pageOf(article)}` } }
    expect((await post(form(`${ORIGIN}/berita/ref`, '4'), referer)).status).toBe(303)
  })

  it('a cookie that is no UUID is replaced by a fresh reader id, not an error', async () => {
    const res = await post(form(newArticle(ORIGIN), '4'), withCookie('x%27%20OR%201%3D1'))
    expect(res.status).toBe(303)
    expect(readerCookie(res).id).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('the reasons and the suggestion without JavaScript', () => {
  const follow = (article: string, extra: Record<string, string | string[]> = {}) => ({
    site: SITE,
    opd: 'diskominfo',
    article,
    ...extra,
  })
  const sendFollowUp = (fields: Record<string, string | string[]>, send: Send = {}) =>
    post(fields, send, '/tanggapi/masukan')

  async function answered(rating: string) {
    const article = newArticle(ORIGIN)
    const { id } = readerCookie(await post(form(article, rating)))
    return { article, id: id! }
  }

  async function stored(article: string) {
    await settle()
    const reasons = await env.DB.prepare(
      'SELECT reason FROM reasons WHERE site_id = ? AND article = ? ORDER BY reason',
    )
      .bind(SITE, article)
      .all()
    const comments = await env.DB.prepare(
      'SELECT c.reader, c.text FROM comments c JOIN articles a ON a.id = c.article_id WHERE a.key = ?',
    )
      .bind(article)
      .all()
    return { reasons: reasons.results.map((r) => r.reason), comments: comments.results }
  }

  it('offers the widget’s reasons and a suggestion after Tidak Puas or Cukup Puas, not after Puas', async () => {
    for (const [rating, offered] of [
      ['1', true],
      ['2', true],
      ['3', false],
      ['4', false],
    ] as const) {
      const { article, id } = await answered(rating)
      const page = await (await call('GET', pageOf(article), null, withCookie(id))).text()
      expect(
        page.includes('<form class="follow-up" method="post" action="/tanggapi/masukan">'),
      ).toBe(offered)
      if (!offered) continue
      expect(page).toContain('Apa yang kurang?')
      expect(page).toContain('Apa yang bisa kami perbaiki?')
      const boxes = [
        ...page.matchAll(/<input type="checkbox" name="reasons" value="(\w+)"\/?> ([^<]+)</g),
      ]
      expect(boxes.map((m) => [m[1], m[2]])).toEqual(REASONS.map((r) => [r.key, r.id]))
      expect(page).toContain('maxlength="500"')
    }
  })

  it('stores the reasons and the suggestion once, personal data removed; a second form replaces them', async () => {
    const { article, id } = await answered('1')
    const res = await sendFollowUp(
      follow(article, {
        reasons: ['sulit_dipahami', 'tautan_rusak'],
        text: 'Tautan PDF rusak, hubungi saya di 081234567890',
      }),
      withCookie(id),
    )
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe(`${pageOf(article)}&terkirim=1`)
    const first = await stored(article)
    expect(first.reasons).toEqual(['sulit_dipahami', 'tautan_rusak'])
    expect(first.comments).toHaveLength(1)
    expect(first.comments[0].reader).toBe(id)
    expect(first.comments[0].text).not.toContain('081234567890')
    expect(first.comments[0].text).toContain('Tautan PDF rusak')

    const page = await (
      await call('GET', `${pageOf(article)}&terkirim=1`, null, withCookie(id))
    ).text()
    expect(page).toContain('Terima kasih, masukan Anda sudah kami terima.')
    expect(page).not.toContain('action="/tanggapi/masukan"')

    const again = await sendFollowUp(
      follow(article, { reasons: 'terlambat', text: 'Beritanya terlambat dua hari' }),
      withCookie(id),
    )
    expect(again.status).toBe(303)
    expect(await stored(article)).toEqual({
      reasons: ['terlambat'],
      comments: [{ reader: id, text: 'Beritanya terlambat dua hari' }],
    })
  })

  it('takes reasons without a suggestion, storing no comment', async () => {
    const { article, id } = await answered('2')
    const res = await sendFollowUp(
      follow(article, { reasons: 'lainnya', text: '  ' }),
      withCookie(id),
    )
    expect(res.status).toBe(303)
    expect(await stored(article)).toEqual({ reasons: ['lainnya'], comments: [] })
  })

  it('stores nothing from a filled honeypot, and thanks it all the same', async () => {
    const { article, id } = await answered('1')
    const res = await sendFollowUp(
      follow(article, { reasons: 'lainnya', text: 'Iklan murah', website: 'http://spam.example' }),
      withCookie(id),
    )
    expect(res.status).toBe(303)
    expect(await stored(article)).toEqual({ reasons: [], comments: [] })
  })

  const cases: [
    name: string,
    fields: (article: string) => Record<string, string | string[]>,
    cookie: boolean,
    status: number,
    says: string,
  ][] = [
    [
      'an unknown reason',
      (a) => follow(a, { reasons: 'bosan' }),
      true,
      400,
      'Alasan tidak dikenal',
    ],
    [
      'a reason given twice',
      (a) => follow(a, { reasons: ['lainnya', 'lainnya'] }),
      true,
      400,
      'Alasan tidak dikenal',
    ],
    [
      'a suggestion over 500 characters',
      (a) => follow(a, { reasons: 'lainnya', text: 'a'.repeat(501) }),
      true,
      400,
      'Saran paling banyak 500 karakter',
    ],
    [
      'no article',
      (a) => {
        const { article: _, ...rest } = follow(a, { reasons: 'lainnya' })
        return rest
      },
      true,
      400,
      'tidak lengkap',
    ],
    [
      'an article of another origin',
      () => follow('https://evil.example/berita/1', { reasons: 'lainnya' }),
      true,
      422,
      'tidak terdaftar',
    ],
    [
      'no answer of this reader (no cookie)',
      (a) => follow(a, { reasons: 'lainnya' }),
      false,
      422,
      'Pilih jawaban Anda',
    ],
  ]

  it.each(cases)(
    '%s: a 4xx page in Indonesian, nothing stored',
    async (_, fields, cookie, status, says) => {
      const { article, id } = await answered('1')
      await settle()
      const res = await unchanged(() => sendFollowUp(fields(article), cookie ? withCookie(id) : {}))
      expect(res.status).toBe(status)
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
      const page = await res.text()
      expect(page).toContain(says)
      expect(page).toContain('Tidak ada yang disimpan.')
      expect(page).not.toContain('Nothing was stored.')
    },
  )

  it('refuses the follow-up from another site’s page (CSRF), storing nothing', async () => {
    const { article, id } = await answered('1')
    await settle()
    const res = await unchanged(() =>
      sendFollowUp(follow(article, { reasons: 'lainnya' }), {
        ...withCookie(id),
        origin: 'https://evil.example',
      }),
    )
    expect(res.status).toBe(403)
  })
})

describe('the no-script page’s title, colours and language', () => {
  it('links back to the article by the title its row holds, escaped; else by its address', async () => {
    const article = newArticle(ORIGIN)
    await answer(ORIGIN, {
      article,
      title: 'Banjir <b>surut</b> & "jalan" dibuka<script>x()</script>',
    })
    await settle()
    const page = await (await call('GET', pageOf(article))).text()
    expect(page).not.toMatch(/<script/i)
    expect(page).not.toContain('<b>surut</b>')
    expect(page).toContain(
      `<a href="${article}">Banjir &lt;b&gt;surut&lt;/b&gt; &amp; &quot;jalan&quot; dibuka&lt;script&gt;x()&lt;/script&gt;</a>`,
    )
    const untitled = newArticle(ORIGIN)
    const bare = await (await call('GET', pageOf(untitled))).text()
    expect(bare).toContain(`<a href="${untitled}">${untitled}</a>`)
  })

  it('shows each answer with the widget’s face, drawn by the shared stylesheet', async () => {
    const page = await (await call('GET', pageOf(newArticle(ORIGIN)))).text()
    const buttons = [
      ...page.matchAll(
        /name="rating" value="(\d)"><span class="e (e\d)" aria-hidden="true"><\/span><span>([^<]+)</g,
      ),
    ]
    expect(buttons.map((m) => [Number(m[1]), m[2], m[3]])).toEqual([
      [4, 'e0', 'Sangat Puas'],
      [3, 'e1', 'Puas'],
      [2, 'e2', 'Cukup Puas'],
      [1, 'e3', 'Tidak Puas'],
    ])
    const sheet = await (await call('GET', '/laporan/style.css')).text()
    expect(sheet).toMatch(/\.e0:after\{/)
  })

  it('draws the bars in the widget’s colours, as wide as the percentages', async () => {
    const article = newArticle(ORIGIN)
    await answer(ORIGIN, { article, rating: 4 })
    await answer(ORIGIN, { article, rating: 1 })
    await answer(ORIGIN, { article, rating: 1 })
    await answer(ORIGIN, { article, rating: 1 })
    const page = await (await call('GET', pageOf(article))).text()
    expect([...page.matchAll(/<rect class="fill" width="(\d+)%"/g)].map((m) => m[1])).toEqual([
      '25',
      '0',
      '0',
      '75',
    ])
    const sheet = await (await call('GET', '/laporan/style.css')).text()
    expect(sheet).toContain(`.bar .fill{fill:${PALETTE.light.accent}}`)
    expect(sheet).toContain(`.bar .track{fill:${BAR_TRACK}}`)
  })

  it('is Indonesian only unless lang=en asks for English, which its forms keep', async () => {
    const article = newArticle(ORIGIN)
    const { id } = readerCookie(await post(form(article, '1')))
    const id_ = await (await call('GET', pageOf(article), null, withCookie(id!))).text()
    expect(id_).toContain('<html lang="id">')
    for (const english of [
      'What is your response?',
      'Thank you',
      'Your answer',
      'Very satisfied',
      'What was lacking?',
      'responses',
      'cookie holding',
    ])
      expect(id_).not.toContain(english)
    expect(id_).not.toContain('name="lang"')

    const en = await (await call('GET', `${pageOf(article)}&lang=en`, null, withCookie(id!))).text()
    expect(en).toContain('<html lang="en">')
    expect(en).toContain('What is your response?')
    expect(en).toContain('Your answer: <strong>Not satisfied</strong>')
    expect(en).toContain('What was lacking?')
    expect(en).toContain('> Incomplete information<')
    expect(en).not.toContain('Bagaimana Tanggapan Anda?')
    expect(en).not.toContain('Apa yang kurang?')
    expect(en.match(/<input type="hidden" name="lang" value="en"\/?>/g)).toHaveLength(2)

    const res = await post({ ...form(article, '2'), lang: 'en' }, withCookie(id!))
    expect(res.headers.get('Location')).toBe(`${pageOf(article)}&lang=en`)
  })
})
