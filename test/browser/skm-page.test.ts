import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeViolations, launchChromium, pageErrors, screenshot } from './chromium'
import { adminFetch } from './local-api'

// The SKM survey page /skm/:site/:service (docs/contract.md §14; docs/skm.md «Halaman survei»)
// as a respondent on a 390 px phone meets it: by touch, by keyboard only, in English on
// request; what a wrong step says; the 404 page. The answers are checked through the API.

const api = inject('baseUrl')
const PHONE = { width: 390, height: 844 }
const SERVICES = '/api/v1/admin/sites/demo/opds/diskominfo/services'
const run = crypto.randomUUID().slice(0, 6)
const service = (name: string) => `${name}-${run}`
const PARKIR = 'Bagaimana pendapat Saudara tentang kewajaran retribusi parkir di kantor ini?'

let browser: Awaited<ReturnType<typeof launchChromium>>
beforeAll(async () => {
  browser = await launchChromium()
  for (const [slug, body] of [
    [
      service('izin'),
      {
        name: 'Izin Reklame <Baliho>',
        wording: { biaya: { id: PARKIR, en: 'How fair is the parking fee?' } },
      },
    ],
    [service('kk'), { name: 'Kartu Keluarga' }],
    [service('retribusi'), { name: 'Retribusi Pasar' }],
  ] as const) {
    const res = await adminFetch(`${SERVICES}/${slug}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(res.status).toBe(200)
  }
})
afterAll(() => browser?.close())

/** A phone's context; its clock is installed so the test can say how long a person took. */
async function phone(touch: boolean): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: PHONE,
    hasTouch: touch,
    isMobile: touch,
    deviceScaleFactor: touch ? 2 : 1,
  })
  const page = await context.newPage()
  await page.clock.install()
  return { context, page }
}

interface Figures {
  respondents: number
  tallies: Record<string, number[]>
  profile: Record<string, Record<string, number>>
}

async function figures(slug: string): Promise<Figures | undefined> {
  const res = await adminFetch(`/api/v1/stats/skm?site=demo&service=${slug}`)
  expect(res.status).toBe(200)
  const { rows } = (await res.json()) as { rows: Figures[] }
  return rows[0] as Figures | undefined
}

const stepText = (page: Page) => page.locator('.step').textContent()
const overflows = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)

describe('the survey page on a 390 px phone', () => {
  it('a respondent completes it by touch; each element fits one screen, all nine would not', async () => {
    const slug = service('izin')
    const { context, page } = await phone(true)
    const errors = pageErrors(page)
    await page.goto(`${api}/skm/demo/${slug}`)
    await expect(page.title()).resolves.toBe('Izin Reklame <Baliho> — Survei Kepuasan Masyarakat')
    await page.getByText('Pertanyaan 1 dari 9').waitFor()
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'skm-phone-first')

    // Going on without an answer says what to do, in Indonesian.
    await page.getByRole('button', { name: 'Lanjut' }).tap()
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'Pilih salah satu jawaban dulu, lalu tekan Lanjut.',
    )
    expect(await stepText(page)).toMatch(/^Pertanyaan 1 dari 9/)

    // One element per screen (docs/skm.md): each screen with its buttons fits the phone without
    // scrolling; the nine screens' forms stacked would be more than two screens tall.
    const chosen = [
      'Sangat sesuai',
      'Mudah',
      'Cepat',
      'Gratis',
      'Sesuai',
      'Sangat kompeten',
      'Sopan dan ramah',
      'Baik',
      'Berfungsi kurang maksimal',
    ]
    let stacked = 0
    for (const [i, label] of chosen.entries()) {
      await page.getByText(`Pertanyaan ${i + 1} dari 9`).waitFor()
      if (i === 3) await page.getByRole('heading', { name: PARKIR }).waitFor()
      expect(await overflows(page), `screen ${i + 1}`).toBe(false)
      const form = await page.locator('form.screen').boundingBox()
      stacked += form?.height ?? 0
      for (const option of await page.locator('label.o').all())
        expect((await option.boundingBox())?.height).toBeGreaterThanOrEqual(48)
      await page.getByText(label, { exact: true }).tap()
      await expect(page.getByRole('radio', { name: label, exact: true }).isChecked()).resolves.toBe(
        true,
      )
      await page.getByRole('button', { name: 'Lanjut' }).tap()
    }
    expect(stacked).toBeGreaterThan(2 * PHONE.height)

    await page.getByRole('heading', { name: 'Tentang Anda' }).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await page.getByLabel('Usia').selectOption('30-39')
    await page.getByLabel('Pekerjaan').selectOption('wiraswasta')
    await page
      .getByLabel(/^Saran/)
      .fill('Antrean pagi terlalu panjang, telepon saya 0812 3456 7890')
    await screenshot(page, 'skm-phone-profile')
    // A person took a while: the API drops answers given faster than anyone could.
    await page.clock.fastForward('01:00')
    await page.getByRole('button', { name: 'Kirim' }).tap()
    await page.getByRole('heading', { name: 'Terima kasih!' }).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'skm-phone-thanks')

    const f = (await figures(slug)) as Figures
    expect(f.respondents).toBe(1)
    expect(f.tallies.persyaratan).toEqual([0, 0, 0, 1])
    expect(f.tallies.biaya).toEqual([0, 0, 0, 1])
    expect(f.tallies.pengaduan).toEqual([0, 0, 1, 0])
    expect(f.profile.usia['30-39']).toBe(1)
    expect(f.profile.pekerjaan.wiraswasta).toBe(1)
    expect(f.profile.jenis_kelamin.tidak_diisi).toBe(1)
    // The page keeps its respondent: the same browser again today replaces its answers.
    const kept = await page.evaluate(() => localStorage.getItem('tanggapan-skm-respondent'))
    expect(kept).toMatch(/^[0-9a-f-]{36}$/)
    expect(errors).toEqual([])
    await context.close()
  })

  it('a respondent completes it by keyboard only, in English on request', async () => {
    const slug = service('kk')
    const { context, page } = await phone(false)
    const errors = pageErrors(page)
    await page.goto(`${api}/skm/demo/${slug}`)
    await page.getByText('Pertanyaan 1 dari 9').waitFor()

    const focused = () =>
      page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null
        return e
          ? `${e.tagName.toLowerCase()}:${e.getAttribute('type') ?? ''}:${e.textContent?.trim() ?? ''}`
          : ''
      })
    /** Presses Tab until the focused element's `tag:type:text` matches, as a keyboard user does. */
    async function tabTo(target: RegExp) {
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab')
        if (target.test(await focused())) return
      }
      throw new Error(`Tab never reached ${target}; focus is on ${await focused()}`)
    }

    await tabTo(/^button:button:English$/)
    await page.keyboard.press('Enter')
    await page.getByText('Question 1 of 9').waitFor()
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en')

    // Elements 1–9: into the group, Space takes the first answer (the best) and ArrowDown the
    // next one on odd screens; then Tab to Next and Enter.
    for (let i = 0; i < 9; i++) {
      await tabTo(/^input:radio:/)
      await page.keyboard.press('Space')
      if (i % 2 === 1) await page.keyboard.press('ArrowDown')
      await tabTo(/^button:submit:Next$/)
      await page.keyboard.press('Enter')
      if (i < 8) {
        await page.getByText(`Question ${i + 2} of 9`).waitFor()
        // Focus went to the new question, so a screen reader reads it first.
        await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2')
      }
    }
    await page.getByRole('heading', { name: 'About you' }).waitFor()
    // Tab to the age select itself (the one whose options include 30-39): typing a letter then
    // picks the first option that starts with it, as on any select.
    await tabTo(/^select::.*30.39/)
    // Typed again while the select still shows nothing: a fresh clone once lost the first key
    // (the select focused, its typeahead not yet listening). Only «30-39» starts with 3.
    const age = page.getByLabel('Age')
    await page.keyboard.type('3')
    await expect
      .poll(async () => {
        const value = await age.inputValue()
        if (value === '') await page.keyboard.type('3')
        return value
      })
      .toBe('30-39')
    await tabTo(/^textarea::/)
    await page.keyboard.type('Ruang tunggu panas')
    await page.clock.fastForward('01:00')
    await tabTo(/^button:submit:Send$/)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { name: 'Thank you!' }).waitFor()
    expect(await axeViolations(page)).toEqual([])

    const f = (await figures(slug)) as Figures
    expect(f.respondents).toBe(1)
    expect(f.tallies.persyaratan).toEqual([0, 0, 0, 1])
    expect(f.tallies.prosedur).toEqual([0, 0, 1, 0])
    expect(f.profile.usia['30-39']).toBe(1)
    expect(errors).toEqual([])
    await context.close()
  })

  it('says in Indonesian when the service stopped taking answers, then shows the 404 page', async () => {
    const slug = service('retribusi')
    const { context, page } = await phone(true)
    await page.goto(`${api}/skm/demo/${slug}`)
    for (let i = 0; i < 9; i++) {
      await page.getByText(`Pertanyaan ${i + 1} dari 9`).waitFor()
      await page.locator('label.o').first().tap()
      await page.getByRole('button', { name: 'Lanjut' }).tap()
    }
    const retired = await adminFetch(`${SERVICES}/${slug}`, { method: 'DELETE' })
    expect(retired.status).toBe(200)
    await page.clock.fastForward('01:00')
    await page.getByRole('button', { name: 'Kirim' }).tap()
    await expect(page.getByRole('alert').textContent()).resolves.toBe(
      'Layanan ini sudah tidak menerima survei. Jawaban Anda tidak disimpan.',
    )
    // Nothing stored: the service has no figures at all.
    expect(await figures(slug)).toBeUndefined()

    for (const path of [`/skm/demo/${slug}`, `/skm/demo/tidak-ada-${run}`]) {
      const res = await page.goto(`${api}${path}`)
      expect(res?.status()).toBe(404)
      await page.getByRole('heading', { name: 'Survei tidak ditemukan' }).waitFor()
      await page.getByRole('heading', { name: 'Survey not found' }).waitFor()
      expect(await axeViolations(page)).toEqual([])
    }
    await screenshot(page, 'skm-phone-404')
    await context.close()
  })
})
