import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { axeViolations, launchChromium, pageErrors, screenshot } from './chromium'
import { adminFetch } from './local-api'

// The SKM survey in kiosk mode (docs/skm.md «Mode kios»): a tablet at the counter, opened with
// a device's kiosk link, answered by touch by one respondent after another, starting over after
// each thanks, holding answers through a network outage and sending each exactly once.

const api = inject('baseUrl')
const SERVICES = '/api/v1/admin/sites/demo/opds/diskominfo/services'
const run = crypto.randomUUID().slice(0, 6)
const TABLET = { width: 1024, height: 768 }
const PHONE = { width: 390, height: 844 }

let browser: Awaited<ReturnType<typeof launchChromium>>
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(() => browser?.close())

/** A service of its own and a device for it: the kiosk link an admin hands the counter. */
async function kioskLink(name: string): Promise<{ slug: string; url: string; id: string }> {
  const slug = `${name}-${run}`
  const json = { 'Content-Type': 'application/json' }
  const put = await adminFetch(`${SERVICES}/${slug}`, {
    method: 'PUT',
    headers: json,
    body: JSON.stringify({ name: 'Pelayanan Informasi' }),
  })
  expect(put.status).toBe(200)
  const res = await adminFetch(`${SERVICES}/${slug}/devices`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ label: 'Loket 1' }),
  })
  expect(res.status).toBe(200)
  const { token, device } = (await res.json()) as { token: string; device: { id: string } }
  return { slug, url: `${api}/skm/demo/${slug}?mode=kiosk&device=${token}`, id: device.id }
}

async function tablet(viewport = TABLET) {
  const context = await browser.newContext({
    viewport,
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 1,
  })
  const page = await context.newPage()
  await page.clock.install()
  return { context, page }
}

async function respondents(slug: string): Promise<number> {
  const res = await adminFetch(`/api/v1/stats/skm?site=demo&service=${slug}`)
  const { rows } = (await res.json()) as { rows: { respondents: number }[] }
  return rows[0]?.respondents ?? 0
}

const WORDS = {
  id: {
    step: 'Pertanyaan # dari 9',
    next: 'Lanjut',
    about: 'Tentang Anda',
    age: 'Usia',
    send: 'Kirim',
    thanks: 'Terima kasih!',
  },
  en: {
    step: 'Question # of 9',
    next: 'Next',
    about: 'About you',
    age: 'Age',
    send: 'Send',
    thanks: 'Thank you!',
  },
}

/** One respondent by touch: an answer on each of the nine screens, then Kirim after a while. */
async function answerNine(
  page: Page,
  pick: number,
  shots?: string,
  age?: string,
  lang: 'id' | 'en' = 'id',
) {
  const w = WORDS[lang]
  for (let i = 1; i <= 9; i++) {
    await page.getByText(w.step.replace('#', String(i))).waitFor()
    await page.locator('label.o').nth(pick).tap()
    if (shots) {
      // Each screen, with the longest question (U5), fits the tablet without scrolling.
      expect(
        await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight),
        `screen ${i}`,
      ).toBe(true)
      if (i === 5) await screenshot(page, `${shots}-question`)
    }
    await page.getByRole('button', { name: w.next }).tap()
  }
  await page.getByRole('heading', { name: w.about }).waitFor()
  // Nothing of the respondent before: the profile starts empty each time.
  expect(await page.getByLabel(w.age).inputValue()).toBe('')
  if (age) await page.getByLabel(w.age).selectOption(age)
  // A person took a while: the API drops answers given faster than anyone could.
  await page.clock.fastForward('00:40')
  await page.getByRole('button', { name: w.send }).tap()
  await page.getByRole('heading', { name: w.thanks }).waitFor()
}

/** After the thanks, the first screen again, in Indonesian, with nothing of the last respondent. */
async function startsOver(page: Page) {
  await page.clock.fastForward('00:06')
  await page.getByText('Pertanyaan 1 dari 9').waitFor()
  expect(await page.locator('input:checked').count()).toBe(0)
}

const offlineNoise = (errors: string[]) =>
  errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))

describe('the kiosk on a 1024 × 768 tablet', () => {
  it('respondents answer one after another by touch, and answers given offline arrive once each', async () => {
    const { slug, url } = await kioskLink('loket')
    const { context, page } = await tablet()
    const errors = pageErrors(page)
    await page.goto(url)
    await page.getByText('Pertanyaan 1 dari 9').waitFor()
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'kiosk-tablet-first')
    // Large targets, and a screen that still fits the tablet without scrolling.
    for (const option of await page.locator('label.o').all())
      expect((await option.boundingBox())?.height).toBeGreaterThanOrEqual(64)
    expect(
      (await page.getByRole('button', { name: 'Lanjut' }).boundingBox())?.height,
    ).toBeGreaterThanOrEqual(60)

    await answerNine(page, 0, 'kiosk-tablet', '60+')
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'kiosk-tablet-thanks')
    await startsOver(page)
    await expect.poll(() => respondents(slug)).toBe(1)

    // The network goes; two more respondents answer, and the tablet keeps their answers.
    await context.setOffline(true)
    await answerNine(page, 1)
    await startsOver(page)
    await answerNine(page, 3)
    await startsOver(page)
    await page.getByText('2 jawaban menunggu sambungan internet').waitFor()
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'kiosk-tablet-offline')
    expect(await respondents(slug)).toBe(1)

    // It returns: both are sent, in order and paced, each counted exactly once.
    await context.setOffline(false)
    await expect
      .poll(async () => {
        await page.clock.fastForward('00:16')
        return respondents(slug)
      })
      .toBe(3)
    await page.clock.fastForward('02:00')
    expect(await respondents(slug)).toBe(3)
    expect(await page.locator('text=menunggu sambungan').count()).toBe(0)
    const res = await adminFetch(`/api/v1/stats/skm?site=demo&service=${slug}`)
    const [row] = ((await res.json()) as { rows: { tallies: Record<string, number[]> }[] }).rows
    // Best, second and fourth answer, one respondent each.
    expect(row.tallies.persyaratan).toEqual([1, 0, 1, 1])
    expect(offlineNoise(errors)).toEqual([])
    await context.close()
  })
})

describe('the kiosk on a 390 px screen', () => {
  it('is answered by touch and starts over; a revoked device’s page says so', async () => {
    const { slug, url, id } = await kioskLink('sempit')
    const { context, page } = await tablet(PHONE)
    const errors = pageErrors(page)
    await page.goto(url)
    // A respondent who reads English; the next one meets the kiosk in Indonesian again.
    await page.getByRole('button', { name: 'English' }).tap()
    await answerNine(page, 0, undefined, undefined, 'en')
    await screenshot(page, 'kiosk-phone-thanks')
    await startsOver(page)
    await expect.poll(() => respondents(slug)).toBe(1)

    const revoked = await adminFetch(`${SERVICES}/${slug}/devices/${id}`, { method: 'DELETE' })
    expect(revoked.status).toBe(200)
    const res = await page.goto(url)
    expect(res?.status()).toBe(403)
    await page.getByRole('heading', { name: 'Perangkat kios ini sudah dicabut' }).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await screenshot(page, 'kiosk-phone-revoked')
    expect(errors.filter((e) => !/403/.test(e))).toEqual([])
    await context.close()
  })
})
