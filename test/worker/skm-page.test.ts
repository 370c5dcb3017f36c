import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { BASE, call, errorOf, postJson, seedSite } from './client'
import { send, tokenFor } from './stats-fixtures'

// The SKM survey page GET /skm/:site/:service (docs/contract.md §14): its shell rendered here
// with the service's name, its script and stylesheet under a strict CSP, a 404 page for an
// unknown or retired service, and its answers accepted from this host's own origin.

const SITE = 'grobogan'
const ORIGIN = 'https://grobogan.go.id'
const NAME = 'Akta <Kelahiran> & "KIA"'
const ALL_THREE = Object.fromEntries(
  [
    'persyaratan',
    'prosedur',
    'waktu',
    'biaya',
    'produk',
    'kompetensi',
    'perilaku',
    'sarana',
    'pengaduan',
  ].map((k) => [k, 3]),
)

beforeAll(async () => {
  await seedSite(SITE, [ORIGIN])
  const admin = (await tokenFor('admin')).token
  const base = `/api/v1/admin/sites/${SITE}/opds/dukcapil`
  expect((await send('PUT', base, admin, { name: 'Disdukcapil' })).status).toBe(200)
  const put = (service: string, body: unknown) =>
    send('PUT', `${base}/services/${service}`, admin, body)
  expect(
    (
      await put('akta', {
        name: NAME,
        wording: { biaya: { id: 'Bagaimana kewajaran biaya cetak akta?' } },
      })
    ).status,
  ).toBe(200)
  expect((await put('lama', { name: 'Layanan lama' })).status).toBe(200)
  expect((await send('DELETE', `${base}/services/lama`, admin)).status).toBe(200)
})

/** The page's data-survey attribute, unescaped as a browser would. */
function surveyData(page: string) {
  const attr = /data-survey="([^"]*)"/.exec(page)?.[1] ?? ''
  const text = attr
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
  return JSON.parse(text)
}

describe('GET /skm/:site/:service', () => {
  it('renders the shell with the service’s name escaped, its questions and a strict CSP', async () => {
    const res = await call('GET', `/skm/${SITE}/akta`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    // Asked again each time, so a retired service's page is not kept.
    expect(res.headers.get('Cache-Control')).toBe('no-cache')
    const csp = res.headers.get('Content-Security-Policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("connect-src 'self'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe')
    const page = await res.text()
    expect(page).toContain('<html lang="id">')
    expect(page).toContain('<h1>Akta &lt;Kelahiran&gt; &amp; &quot;KIA&quot;</h1>')
    expect(page).not.toContain('<Kelahiran>')
    expect(page).toContain('<p>Disdukcapil</p>')
    expect(page).toContain('<p>Pemda grobogan</p>')
    // No inline script, which the CSP refuses: the data travel in an attribute.
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)/)
    const data = surveyData(page)
    expect(data).toMatchObject({ site: SITE, opd: 'dukcapil', service: 'akta', lang: 'id' })
    expect(data.questions).toHaveLength(9)
    expect(data.questions[3]).toEqual({
      id: 'Bagaimana kewajaran biaya cetak akta?',
      en: 'Bagaimana kewajaran biaya cetak akta?',
    })
    expect(data.questions[0].id).toMatch(/^Bagaimana pendapat Saudara tentang kesesuaian/)
  })

  it('is in English on request', async () => {
    const page = await (await call('GET', `/skm/${SITE}/akta?lang=en`)).text()
    expect(page).toContain('<html lang="en">')
    expect(page).toContain('Public Satisfaction Survey</title>')
    expect(surveyData(page).lang).toBe('en')
  })

  it('serves its script and stylesheet with their content types', async () => {
    const page = await (await call('GET', `/skm/${SITE}/akta`)).text()
    const script = /<script type="module" src="(\/widget\/skm-[0-9a-f]{8}\.js)">/.exec(page)?.[1]
    const style = /<link rel="stylesheet" href="(\/widget\/skm-[0-9a-f]{8}\.css)">/.exec(page)?.[1]
    expect(script).toBeDefined()
    expect(style).toBeDefined()
    const js = await call('GET', script as string)
    expect(js.status).toBe(200)
    expect(js.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
    const code = await js.text()
    // The API's base, then the path (the same code posts from an OPD's page to this host).
    expect(code).toContain('/api/v1/')
    expect(code).toContain('skm/responses')
    const css = await call('GET', style as string)
    expect(css.status).toBe(200)
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8')
    expect(css.headers.get('Cache-Control')).toContain('immutable')
  })

  it('shows a 404 page in Indonesian and English for an unknown or retired service', async () => {
    for (const path of [
      `/skm/${SITE}/tidak-ada`,
      `/skm/${SITE}/lama`,
      '/skm/tidak-ada/akta',
      `/skm/${SITE}/Bukan%20Slug`,
    ]) {
      const res = await call('GET', path)
      expect(res.status, path).toBe(404)
      expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
      expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
      const page = await res.text()
      expect(page).toContain('<h1>Survei tidak ditemukan</h1>')
      expect(page).toContain('<h2>Survey not found</h2>')
    }
  })
})

describe('answers from the survey page', () => {
  const body = (fields: Record<string, unknown> = {}) => ({
    site: SITE,
    opd: 'dukcapil',
    service: 'akta',
    respondent: crypto.randomUUID(),
    answers: ALL_THREE,
    elapsed_ms: 30_000,
    ...fields,
  })

  it('are taken from this host’s own origin for the site the body names', async () => {
    const res = await postJson('/api/v1/skm/responses', body(), { origin: BASE })
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ service: 'akta', recorded: true })
    const row = await env.DB.prepare(
      "SELECT respondents, biaya_3 FROM skm_days WHERE site_id = ? AND service = 'akta'",
    )
      .bind(SITE)
      .first()
    expect(row).toEqual({ respondents: 1, biaya_3: 1 })
  })

  it('must name their site, and another origin still speaks for its own site only', async () => {
    const { site: _, ...unnamed } = body()
    expect(
      (await errorOf(await postJson('/api/v1/skm/responses', unnamed, { origin: BASE }))).code,
    ).toBe('site_required')
    const elsewhere = await postJson('/api/v1/skm/responses', body(), {
      origin: 'https://elsewhere.example',
    })
    expect((await errorOf(elsewhere)).code).toBe('origin_not_allowed')
  })
})
