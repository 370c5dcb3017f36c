import { describe, expect, inject, it } from 'vitest'
import { BAR_TRACK, PALETTE } from '../../widget/ui/palette'
import { pageErrors, screenshot } from './chromium'
import { probeArticle, probeSession } from './widget-probe'

// The reasons and the suggestion without JavaScript (docs/embedding.md «Without JavaScript»): on
// a 390 px phone with scripts off, a reader answers Tidak Puas, ticks reasons, writes a
// suggestion, sends the plain form and sees the thanks above the bars, drawn in the widget's colours.

const api = inject('baseUrl')
const session = probeSession()

/** `#0b57b0` or `#8884` as the rgb()/rgba() a computed style gives. */
function rgb(hex: string): string {
  const digits = hex.slice(1)
  const long = digits.length <= 4 ? [...digits].map((d) => d + d).join('') : digits
  const [r, g, b, a] = (long.match(/../g) ?? []).map((h) => Number.parseInt(h, 16))
  return a === undefined
    ? `rgb(${r}, ${g}, ${b})`
    : `rgba(${r}, ${g}, ${b}, ${Math.round((a / 255) * 1000) / 1000})`
}

describe('the no-script page’s reasons and suggestion', () => {
  it('answers Tidak Puas, picks reasons, sends a suggestion and sees the thanks and the bars', async () => {
    const article = probeArticle('noscript-masukan')
    const context = await session.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    })
    const page = await context.newPage()
    const errors = pageErrors(page)
    const query = new URLSearchParams({ site: 'demo', opd: 'diskominfo', article })
    await page.goto(`${api}/tanggapi?${query}`)
    await page.getByRole('heading', { name: 'Bagaimana Tanggapan Anda?' }).waitFor()
    // Nothing to ask before an answer.
    expect(await page.getByRole('group', { name: 'Apa yang kurang?' }).count()).toBe(0)

    await page.getByRole('button', { name: 'Tidak Puas' }).click()
    const reasons = page.getByRole('group', { name: 'Apa yang kurang?' })
    await reasons.waitFor()
    expect(await reasons.getByRole('checkbox').count()).toBe(6)
    await reasons.getByRole('checkbox', { name: 'Sulit dipahami' }).check()
    await reasons.getByRole('checkbox', { name: 'Tautan atau berkas rusak' }).check()
    await page
      .getByRole('textbox', { name: 'Apa yang bisa kami perbaiki?' })
      .fill('Lampiran PDF-nya tidak bisa dibuka.')
    await screenshot(page, 'tanggapi-follow-up-filled')
    await page.getByRole('button', { name: 'Kirim' }).click()

    await page.getByText('Terima kasih, masukan Anda sudah kami terima.').waitFor()
    expect(new URL(page.url()).searchParams.get('terkirim')).toBe('1')
    expect(await page.getByRole('group', { name: 'Apa yang kurang?' }).count()).toBe(0)
    expect(await page.locator('.answers .percent').allTextContents()).toEqual([
      '0%',
      '0%',
      '0%',
      '100%',
    ])
    // The bars: the widget's accent over its track, the reader's answer drawn full.
    const fills = page.locator('.answers .bar .fill')
    expect(await fills.last().evaluate((r) => getComputedStyle(r).fill)).toBe(
      rgb(PALETTE.light.accent),
    )
    expect(
      await page
        .locator('.answers .bar .track')
        .first()
        .evaluate((r) => getComputedStyle(r).fill),
    ).toBe(rgb(BAR_TRACK))
    const widths = await fills.evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().width))
    const track = await page
      .locator('.answers .bar')
      .last()
      .evaluate((s) => s.clientWidth)
    expect(widths.slice(0, 3)).toEqual([0, 0, 0])
    expect(widths[3]).toBeCloseTo(track, 0)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await page.locator('html').getAttribute('lang')).toBe('id')
    expect(await page.locator('body').textContent()).not.toContain('Thank you')
    await screenshot(page, 'tanggapi-follow-up-sent')
    expect(errors).toEqual([])
    await context.close()
  })
})
