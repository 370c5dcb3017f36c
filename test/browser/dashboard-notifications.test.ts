import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenshot } from './chromium'
import { answer, dashboardSession } from './dashboard-helpers'
import { apiFetch } from './local-api'

// A real receiver on loopback, in Node: the Worker (wrangler dev) POSTs to it over HTTP, and it
// checks each signature with node:crypto, an implementation of its own.

interface Got {
  event: string
  delivery: string
  verified: boolean
  body: string
}

const session = dashboardSession()
const got: Got[] = []
let status = 200
let secret = ''
let server: Server
let receiverUrl = ''

// `t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, refused when over 5 minutes old,
// as docs/webhooks.md tells receivers to check it.
function verified(signature: string | undefined, body: Buffer): boolean {
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature ?? '') ?? []
  if (v1 === undefined || Math.abs(Date.now() / 1000 - Number(t)) > 300) return false
  const expected = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex')
  return timingSafeEqual(Buffer.from(v1), Buffer.from(expected))
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      got.push({
        event: String(req.headers['x-tanggapan-event']),
        delivery: String(req.headers['x-tanggapan-delivery']),
        verified: verified(req.headers['x-tanggapan-signature'] as string | undefined, body),
        body: body.toString('utf8'),
      })
      res.writeHead(status).end(status === 200 ? 'ok' : 'down')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tanggapan`
})
afterAll(() => new Promise((resolve) => server.close(resolve)))

describe('«Notifikasi» in the dashboard', () => {
  it('adds a webhook, tests it against a real receiver, reads the log, turns it off and on', async () => {
    const { page, errors } = await session.signIn()
    page.setDefaultTimeout(15_000)
    await page.click('a[href="#/notifikasi"]')
    await page.selectOption('select[name=hook-opd]', 'rsud')
    await page.fill('input[name=hook-url]', receiverUrl)
    await page.check('input[name=hook-event][value="digest.weekly"]')
    await page.click('form.new-hook button[type=submit]')
    secret = (await page.locator('.made code').textContent()) ?? ''
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/)
    const hook = page.locator('li.hook', { hasText: receiverUrl })
    await hook.waitFor()
    expect(await hook.textContent()).toContain('demo/rsud')

    await hook.locator('button.hook-test').click()
    await expect
      .poll(() => hook.locator('.test-result').textContent())
      .toContain('Terkirim (HTTP 200)')
    expect(got).toHaveLength(1)
    expect(got[0]).toMatchObject({ event: 'webhook.test', verified: true })
    expect(JSON.parse(got[0].body)).toMatchObject({
      event: 'webhook.test',
      site: 'demo',
      opd: 'rsud',
    })

    // The receiver breaks. A reader's comment is not sent at once: it waits for its batch (the
    // cron's, 5 minutes on); the test button's failure shows at once.
    status = 503
    const reader = crypto.randomUUID()
    await answer({ opd: 'rsud', article: 'hook-article-1', reader, rating: 1 })
    const commented = await apiFetch(`/api/v1/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        site: 'demo',
        opd: 'rsud',
        article: 'hook-article-1',
        reader,
        text: 'Antrean pendaftaran terlalu lama',
      }),
    })
    expect(commented.status).toBe(204)
    await hook.locator('button.hook-test').click()
    await expect
      .poll(() => hook.locator('.test-result').textContent())
      .toContain('Gagal (HTTP 503)')
    expect(got.map((g) => g.event)).toEqual(['webhook.test', 'webhook.test'])

    await hook.locator('button.hook-log').click()
    const log = hook.locator('table.delivery-log')
    await expect.poll(() => log.locator('tr.delivery').count()).toBe(2)
    expect(await log.locator('tr.delivery.failed').textContent()).toContain('503')
    expect(await log.locator('tr.delivery.delivered').textContent()).toContain('200')
    await screenshot(page, 'dashboard-notifications-log')

    // A failed test is the operator's to read: it does not count toward turning it off.
    expect(await hook.locator('.hook-state').textContent()).not.toMatch(/Nonaktif|gagal/)
    await hook.locator('button.hook-toggle').click()
    await expect.poll(() => hook.locator('.hook-state').textContent()).toContain('Nonaktif')
    await screenshot(page, 'dashboard-notifications-off')

    // Turned on again by hand, it delivers once the receiver is back.
    status = 200
    await hook.locator('button.hook-toggle').click()
    await expect.poll(() => hook.locator('.hook-state').textContent()).toMatch(/^Aktif/)
    await hook.locator('button.hook-test').click()
    await expect.poll(() => hook.locator('.test-result').textContent()).toContain('Terkirim')
    expect(got.every((g) => g.verified)).toBe(true)

    // «Hapus» asks in a dialog that names its address; «Batal» keeps it, the dialog's «Hapus
    // webhook» deletes it.
    const dialog = page.getByRole('dialog', { name: 'Hapus webhook ini?' })
    await hook.locator('button.hook-delete').click()
    expect(await dialog.locator('.confirm-numbers').textContent()).toContain(
      `${receiverUrl} tidak menerima kabar lagi`,
    )
    await dialog.getByRole('button', { name: /Batal/ }).click()
    await expect.poll(() => dialog.count()).toBe(0)
    expect(await hook.count()).toBe(1)
    await hook.locator('button.hook-delete').click()
    await dialog.getByRole('button', { name: /Hapus webhook/ }).click()
    await expect.poll(() => hook.count()).toBe(0)
    expect(errors).toEqual([])
    await page.context().close()
  }, 120_000)
})
