import { describe, expect, inject, it } from 'vitest'
import { pageErrors, screenshot } from './chromium'
import { adminFetch, apiFetch } from './local-api'
import {
  container,
  hostPage,
  part,
  probeArticle,
  probeSession,
  waitForResults,
  widget,
} from './widget-probe'

// Issue 29 point 4: an OPD's public replies for every reader. A reader who has not answered sees
// their count under the box, «Tanggapan OPD (1)», and opens them (fetched only then); a returning
// reader finds the reasons they gave chosen again.

const api = inject('baseUrl')
const session = probeSession()
const REPLY = 'Jadwal posyandu sudah kami perbarui <b>hari ini</b>'

/** An article on which an earlier reader answered and commented, and the OPD replied. */
async function articleWithReply(name: string) {
  const article = probeArticle(name)
  const reader = crypto.randomUUID()
  const fields = { site: 'demo', opd: 'rsud', article, reader }
  const answered = await apiFetch('/api/v1/responses', {
    method: 'POST',
    body: JSON.stringify({ ...fields, rating: 1, title: 'Berita uji' }),
  })
  expect(answered.status).toBe(200)
  const sent = await apiFetch('/api/v1/comments', {
    method: 'POST',
    body: JSON.stringify({ ...fields, text: 'Jadwal posyandu tidak ada', elapsed_ms: 30_000 }),
  })
  expect(sent.status).toBe(204)
  const list = await adminFetch(
    `/api/v1/stats/comments?site=demo&article=${encodeURIComponent(article)}`,
  )
  const { rows } = (await list.json()) as { rows: { id: number }[] }
  const replied = await adminFetch(`/api/v1/admin/comments/${rows[0].id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'selesai', reply: REPLY }),
  })
  expect(replied.status).toBe(200)
  return article
}

describe('the OPD’s replies for every reader', () => {
  it('shows their count to a reader who has not answered, and the replies once opened', async () => {
    const article = await articleWithReply('balasan-semua')
    const url = session.probe.serve(
      '/balasan-semua',
      hostPage(api, container({ article, opd: 'rsud' })),
    )
    const context = await session.browser.newContext()
    const page = await context.newPage()
    const errors = pageErrors(page)
    const asked: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/replies')) asked.push(r.url())
    })
    await page.goto(url)
    const w = widget(page)
    await waitForResults(w)
    const count = w.getByRole('button', { name: 'Tanggapan OPD (1)' })
    await count.waitFor()
    expect(await count.getAttribute('aria-expanded')).toBe('false')
    // Nobody answered here: no answer is checked, and the replies wait to be opened.
    expect(await w.locator('[aria-checked=true]').count()).toBe(0)
    expect(asked).toEqual([])
    expect(await part(w, 'feedbackLink').first().isVisible()).toBe(false)

    await count.click()
    const replies = w.getByRole('region', { name: 'Tanggapan OPD' })
    await replies.waitFor()
    expect(await count.getAttribute('aria-expanded')).toBe('true')
    // As text, markup and all.
    expect(await replies.locator('blockquote p').textContent()).toBe(REPLY)
    expect(await replies.locator('b').count()).toBe(0)
    expect(asked).toHaveLength(1)
    // No comment box: the reader has not answered.
    expect(await w.locator('form').count()).toBe(0)
    await screenshot(page, 'replies-widget-open')
    // Closed again by the same button.
    await count.click()
    await expect.poll(() => replies.count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })

  it('says it in English with data-lang="en"', async () => {
    const article = await articleWithReply('balasan-en')
    const url = session.probe.serve(
      '/balasan-en',
      hostPage(api, container({ article, opd: 'rsud', lang: 'en' })),
    )
    const context = await session.browser.newContext()
    const page = await context.newPage()
    await page.goto(url)
    const w = widget(page)
    await waitForResults(w)
    await w.getByRole('button', { name: 'OPD replies (1)' }).click()
    const replies = w.getByRole('region', { name: 'OPD replies' })
    expect(await replies.locator('blockquote p').textContent()).toBe(REPLY)
    await context.close()
  })

  it('shows a returning reader the reasons they gave, chosen again', async () => {
    const article = probeArticle('alasan-kembali')
    const url = session.probe.serve(
      '/alasan-kembali',
      hostPage(api, container({ article, opd: 'rsud' })),
    )
    const context = await session.browser.newContext()
    const page = await context.newPage()
    const errors = pageErrors(page)
    await page.goto(url)
    const w = widget(page)
    await waitForResults(w)
    await w.getByRole('radio', { name: /^Tidak Puas/ }).click()
    const group = w.getByRole('group', { name: 'Apa yang kurang?' })
    await group.getByRole('button', { name: 'Sulit dipahami' }).click()
    await group.getByRole('button', { name: 'Lainnya' }).click()
    await group.getByText('Tersimpan. Terima kasih.').waitFor()

    await page.reload()
    await waitForResults(w)
    // No replies on this article: no count to show.
    expect(await w.getByRole('button', { name: /^Tanggapan OPD/ }).count()).toBe(0)
    await w.getByRole('button', { name: 'Beri masukan' }).click()
    const pressed = group.locator('button[aria-pressed=true]')
    await pressed.first().waitFor()
    expect(await pressed.allTextContents()).toEqual(['Sulit dipahami', 'Lainnya'])
    expect(errors).toEqual([])
    await context.close()
  })
})
