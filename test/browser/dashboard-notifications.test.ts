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

function verified(signature: string | undefined, body: Buffer): boolean {
  const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`
  return (
    signature !== undefined &&
    signature.length === expected.length &&
    timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
  )
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
  it('adds a webhook, tests it against a real receiver, reads the log and sees it turn itself off', async () => {
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

    // The receiver breaks. A reader's comment is sent right after it is stored, fails, and
    // waits for its retry; the test button's failure shows at once.
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
    await expect.poll(() => got.length).toBe(2)
    expect(got[1]).toMatchObject({ event: 'comment.created', verified: true })
    expect(got[1].body).not.toContain(reader)
    await hook.locator('button.hook-test').click()
    await expect
      .poll(() => hook.locator('.test-result').textContent())
      .toContain('Gagal (HTTP 503)')

    await hook.locator('button.hook-log').click()
    const log = hook.locator('table.delivery-log')
    await expect.poll(() => log.locator('tr.delivery').count()).toBe(3)
    expect(await log.locator('tr.delivery.pending').textContent()).toContain('comment.created')
    expect(await log.locator('tr.delivery.delivered').textContent()).toContain('200')
    await screenshot(page, 'dashboard-notifications-log')

    // Ten failed attempts in a row (this one, the comment's, eight more tests): it turns off.
    for (let i = 0; i < 8; i++) {
      await hook.locator('button.hook-test').click()
      await expect.poll(() => got.length).toBe(4 + i)
    }
    await expect
      .poll(() => hook.locator('.hook-state').textContent())
      .toContain('Nonaktif: gagal berulang kali')
    await screenshot(page, 'dashboard-notifications-off')

    // Turned on again by hand, it delivers once the receiver is back.
    status = 200
    await hook.locator('button.hook-toggle').click()
    await expect.poll(() => hook.locator('.hook-state').textContent()).toMatch(/^Aktif/)
    await hook.locator('button.hook-test').click()
    await expect.poll(() => hook.locator('.test-result').textContent()).toContain('Terkirim')
    expect(got.every((g) => g.verified)).toBe(true)
    expect(errors).toEqual([])
    await page.context().close()
  }, 120_000)
})
