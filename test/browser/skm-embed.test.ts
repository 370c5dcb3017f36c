import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { axeViolations, pageErrors, screenshot } from './chromium'
import { adminFetch } from './local-api'
import { hostPage, probeSession } from './widget-probe'

// The SKM survey on an OPD's own page through widget.js (docs/embedding.md «Survei SKM di
// halaman OPD», docs/contract.md §14): a page of a registered origin of the demo site with
// `<div data-tanggapan-skm="SERVICE" data-opd="…">`, met on a 390 px phone. The answers go from
// that origin to POST /api/v1/skm/responses; the figures are read back through the API.

const api = inject('baseUrl')
const session = probeSession()
const PHONE = { width: 390, height: 844 }
const run = crypto.randomUUID().slice(0, 6)
const SERVICES = '/api/v1/admin/sites/demo/opds/diskominfo/services'
const service = (name: string) => `${name}-${run}`

/** The OPD's own wording of U1 for one service (docs/skm.md «Menyesuaikan kalimat pertanyaan»). */
const WORDED_U1 = 'Apakah syarat perekaman KTP-el di loket kami sudah jelas dan sesuai?'

beforeAll(async () => {
  for (const [slug, name, wording] of [
    [service('embed-ktp'), 'KTP Elektronik'],
    [service('embed-kosong'), 'Akta Kelahiran'],
    [service('embed-kalimat'), 'Perekaman KTP-el', { persyaratan: { id: WORDED_U1 } }],
  ] as const) {
    const res = await adminFetch(`${SERVICES}/${slug}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, wording }),
    })
    expect(res.status).toBe(200)
  }
})

interface Figures {
  respondents: number
  tallies: Record<string, number[]>
}

async function figures(slug: string): Promise<Figures | undefined> {
  const res = await adminFetch(`/api/v1/stats/skm?site=demo&service=${slug}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { rows: Figures[] }).rows[0]
}

/** The OPD's page with the survey in it, opened on a phone; its clock is the test's. */
async function opdPage(slug: string, touch: boolean) {
  const context = await session.browser.newContext({
    viewport: PHONE,
    hasTouch: touch,
    isMobile: touch,
    deviceScaleFactor: touch ? 2 : 1,
  })
  const page = await context.newPage()
  await page.clock.install()
  const errors = pageErrors(page)
  const body = `<h1>Layanan Disdukcapil</h1><div data-tanggapan-skm="${slug}" data-opd="diskominfo"></div>`
  await page.goto(session.probe.serve(`/layanan-${slug}`, hostPage(api, body)))
  await page.getByText('Pertanyaan 1 dari 9').waitFor()
  return { context, page, errors }
}

/** The focused element inside the survey's shadow root, as `tag:type:text`. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('[data-tanggapan-skm]')?.shadowRoot
    const e = root?.activeElement as HTMLElement | null | undefined
    return e
      ? `${e.tagName.toLowerCase()}:${e.getAttribute('type') ?? ''}:${e.textContent?.trim() ?? ''}`
      : ''
  })

async function tabTo(page: Page, target: RegExp) {
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab')
    if (target.test(await focused(page))) return
  }
  throw new Error(`Tab never reached ${target}; focus is on ${await focused(page)}`)
}

describe('the SKM survey on an OPD’s page (data-tanggapan-skm)', () => {
  it('a respondent answers all nine by touch and one by keyboard, and counts once', async () => {
    const slug = service('embed-ktp')
    const { context, page, errors } = await opdPage(slug, true)
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'skm-embed-first')
    const chosen = [
      'Sangat sesuai',
      'Mudah',
      'Cepat',
      'Gratis',
      null, // U5 by keyboard: Space takes the first (Sangat sesuai), ArrowDown the next.
      'Sangat kompeten',
      'Sopan dan ramah',
      'Baik',
      'Berfungsi kurang maksimal',
    ]
    for (const [i, label] of chosen.entries()) {
      await page.getByText(`Pertanyaan ${i + 1} dari 9`).waitFor()
      if (label === null) {
        // The new question's heading takes the focus once it is drawn: Tab from there, or a
        // focus that lands late would pull the keys away from the radios.
        await expect.poll(() => focused(page)).toMatch(/^h2::/)
        await tabTo(page, /^input:radio:/)
        await page.keyboard.press('Space')
        await expect
          .poll(() => page.getByRole('radio', { name: 'Sangat sesuai', exact: true }).isChecked())
          .toBe(true)
        await page.keyboard.press('ArrowDown')
        await expect
          .poll(() => page.getByRole('radio', { name: 'Sesuai', exact: true }).isChecked())
          .toBe(true)
        await tabTo(page, /^button:submit:Lanjut$/)
        await page.keyboard.press('Enter')
        continue
      }
      await page.getByText(label, { exact: true }).tap()
      await page.getByRole('button', { name: 'Lanjut' }).tap()
    }
    await page.getByRole('heading', { name: 'Tentang Anda' }).waitFor()
    // The survey fits the phone, and the host page keeps its own title and language.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await page.title()).toBe('Halaman uji')
    expect(await page.getByRole('button', { name: 'English' }).isVisible()).toBe(false)
    await page.clock.fastForward('01:00')
    await page.getByRole('button', { name: 'Kirim' }).tap()
    await page.getByRole('heading', { name: 'Terima kasih!' }).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'skm-embed-thanks')

    const f = (await figures(slug)) as Figures
    expect(f.respondents).toBe(1)
    expect(f.tallies.persyaratan).toEqual([0, 0, 0, 1])
    expect(f.tallies.produk).toEqual([0, 0, 1, 0])
    expect(f.tallies.pengaduan).toEqual([0, 0, 1, 0])
    expect(errors).toEqual([])
    await context.close()
  })

  it('a missing element is said and stores nothing, from the page and from its origin alike', async () => {
    const slug = service('embed-kosong')
    const { context, page, errors } = await opdPage(slug, true)
    await page.getByRole('button', { name: 'Lanjut' }).tap()
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'Pilih salah satu jawaban dulu, lalu tekan Lanjut.',
    )
    expect(await page.getByText('Pertanyaan 1 dari 9').isVisible()).toBe(true)
    expect(errors).toEqual([])
    // The same origin sending eight answers of nine is refused by the API.
    const status = await page.evaluate(
      async ([url, slug]) => {
        const answers = Object.fromEntries(
          [
            'persyaratan',
            'prosedur',
            'waktu',
            'biaya',
            'produk',
            'kompetensi',
            'perilaku',
            'sarana',
          ].map((k) => [k, 4]),
        )
        const res = await fetch(url, {
          method: 'POST',
          body: JSON.stringify({
            opd: 'diskominfo',
            service: slug,
            respondent: crypto.randomUUID(),
            answers,
            elapsed_ms: 60000,
          }),
        })
        return res.status
      },
      [`${api}/api/v1/skm/responses`, slug],
    )
    expect(status).toBe(400)
    expect((await figures(slug))?.respondents).toBe(0)
    await context.close()
  })

  it('asks the questions as the OPD worded them for the service, the regulation’s elsewhere', async () => {
    const slug = service('embed-kalimat')
    const { context, page, errors } = await opdPage(slug, true)
    await expect.poll(() => page.getByText(WORDED_U1).isVisible()).toBe(true)
    const regulation = 'kesesuaian persyaratan pelayanan dengan jenis pelayanannya'
    expect(await page.getByText(regulation).count()).toBe(0)
    await page.getByText('Sesuai', { exact: true }).tap()
    await page.getByRole('button', { name: 'Lanjut' }).tap()
    await page.getByText('Pertanyaan 2 dari 9').waitFor()
    // U2 keeps the regulation's question: only U1 was adjusted.
    await expect
      .poll(() => page.getByText('kemudahan prosedur pelayanan di unit ini').isVisible())
      .toBe(true)
    await screenshot(page, 'skm-embed-worded')
    expect(errors).toEqual([])
    await context.close()
  })
})
