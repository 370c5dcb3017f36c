import { exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  answer,
  BASE,
  call,
  errorOf,
  postJson,
  seedSite,
  someAddress,
  unchanged,
  view,
} from './client'

// The snippet hands out `article=URL_BERITA` for the CMS's template to fill in. A page whose
// template left it in place must not gather every page's answers under that one made-up
// article: the API refuses it, says what goes there, and stores nothing.

const SITE = 'blora'
const ORIGIN = 'https://blorakab.go.id'

beforeAll(() => seedSite(SITE, [ORIGIN]))

const PLACEHOLDERS = ['URL_BERITA', 'url_berita', '{{URL_BERITA}}', '%URL-BERITA%', '[url berita]']

async function expectPlaceholderRefused(res: Response) {
  const { status, code, message } = await errorOf(res)
  expect({ status, code }).toEqual({ status: 422, code: 'placeholder_article' })
  // Indonesian first, then English: both say the page's address goes there.
  expect(message).toMatch(/^Ganti .* dengan alamat halaman berita .* \/ Replace .* page's address/)
}

describe('the snippet’s placeholder as an article key', () => {
  it.each(PLACEHOLDERS)('refuses an answer about %s with 422 and stores nothing', async (key) => {
    const res = await unchanged(() => answer(ORIGIN, { article: key, opd: 'baru' }))
    await expectPlaceholderRefused(res)
  })

  it('refuses a view of it, also when the body names the site', async () => {
    await expectPlaceholderRefused(await unchanged(() => view(ORIGIN, { article: 'URL_BERITA' })))
    const named = await unchanged(() =>
      call(
        'POST',
        '/api/v1/views',
        JSON.stringify({
          site: SITE,
          opd: 'diskominfo',
          article: 'URL_BERITA',
          reader: crypto.randomUUID(),
        }),
      ),
    )
    await expectPlaceholderRefused(named)
  })

  it.each(PLACEHOLDERS)(
    'refuses a page view (POST /api/v1/visits) of %s: a data-article left unfilled',
    async (key) => {
      // The widget's one request per page view is what a container still saying
      // data-article="URL_BERITA" sends first (the dashboard's «Kelola» explains that attribute).
      const res = await unchanged(() =>
        postJson(
          '/api/v1/visits',
          { opd: 'diskominfo', article: key, title: 'Berita', reader: crypto.randomUUID() },
          { origin: ORIGIN },
        ),
      )
      await expectPlaceholderRefused(res)
    },
  )

  it('refuses the no-script link and form that still carry it', async () => {
    const page = await unchanged(() =>
      call('GET', `/tanggapi?site=${SITE}&opd=diskominfo&article=URL_BERITA`),
    )
    expect(page.status).toBe(422)
    expect(await page.text()).toContain('Tautan ini belum berisi alamat berita')
    const headers = new Headers({
      'CF-Connecting-IP': someAddress(),
      Origin: BASE,
      'Content-Type': 'application/x-www-form-urlencoded',
    })
    const body = new URLSearchParams({
      site: SITE,
      opd: 'diskominfo',
      article: 'URL_BERITA',
      rating: '4',
    }).toString()
    const posted = await unchanged(() =>
      exports.default.fetch(
        new Request(`${BASE}/tanggapi`, { method: 'POST', headers, body, redirect: 'manual' }),
      ),
    )
    expect(posted.status).toBe(422)
  })

  it('still takes an opaque id that only contains the word', async () => {
    const res = await answer(ORIGIN, { article: 'berita/url-berita-baru' })
    expect(res.status).toBe(200)
  })
})
