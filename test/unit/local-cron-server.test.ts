import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { executeLocalSql, queryLocalSql } from '../../scripts/local-d1'
import { type LocalServer, startLocalServer } from '../../scripts/local-server'
import { COMMENT_BATCH_MS } from '../../worker/domain/webhooks/events'

// `npm start` runs the per-minute cron as Cloudflare does: a webhook delivery that failed is
// tried again a minute later (docs/webhooks.md), with nobody asking wrangler dev for it.
// Real time: the comment's batch is made due at once (its queue row dated one batch back), the
// cron runs at whole minutes and the retry is due a minute after the failure, so this waits up
// to three.

const persistTo = mkdtempSync(join(tmpdir(), 'tanggapan-local-cron-'))
const hits: number[] = []
const receiver = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    hits.push(Date.now())
    res.writeHead(hits.length === 1 ? 503 : 200).end()
  })
})
let server: LocalServer

async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise((resolve) => probe.close(resolve))
  return port
}

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  server = await startLocalServer({ port: await freePort(), persistTo, crons: true })
}, 120_000)

afterAll(async () => {
  await server?.stop()
  receiver.close()
  rmSync(persistTo, { recursive: true, force: true })
})

it('retries a failed webhook delivery on its own a minute later', async () => {
  const admin = { Authorization: `Bearer ${server.adminToken}` }
  const made = await fetch(`${server.url}/api/v1/admin/webhooks`, {
    method: 'POST',
    headers: { ...admin, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      site: 'demo',
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      events: ['comment.created'],
      format: 'json',
    }),
  })
  expect(made.status).toBe(201)
  const hook = (await made.json()) as { id: string }

  // A reader of the demo site (the server's own origin is one of its origins) answers and
  // comments: comment.created waits for its batch, which the next minute's cron sends to a
  // receiver that is down.
  const widget = { Origin: server.url, 'Content-Type': 'text/plain' }
  const fields = {
    opd: 'diskominfo',
    article: `https://contohkab.go.id/berita/cron-${crypto.randomUUID()}`,
    reader: crypto.randomUUID(),
  }
  const answered = await fetch(`${server.url}/api/v1/responses`, {
    method: 'POST',
    headers: widget,
    body: JSON.stringify({ ...fields, title: 'Berita', rating: 1 }),
  })
  expect(answered.status).toBe(200)
  const commented = await fetch(`${server.url}/api/v1/comments`, {
    method: 'POST',
    headers: widget,
    body: JSON.stringify({ ...fields, text: 'Jadwalnya tidak disebutkan.' }),
  })
  expect(commented.status).toBe(204)
  // The comment is queued after the response (waitUntil): then its batch is made due now.
  const queued = () =>
    queryLocalSql<{ n: number }>('SELECT count(*) AS n FROM webhook_comment_queue', persistTo)[0].n
  await vi.waitFor(() => expect(queued()).toBe(1), { timeout: 20_000, interval: 1_000 })
  executeLocalSql(
    `UPDATE webhook_comment_queue SET queued_at = queued_at - ${COMMENT_BATCH_MS}`,
    persistTo,
  )
  await vi.waitFor(() => expect(hits).toHaveLength(1), { timeout: 75_000, interval: 500 })

  await vi.waitFor(() => expect(hits).toHaveLength(2), { timeout: 150_000, interval: 1_000 })
  expect(hits[1] - hits[0]).toBeGreaterThanOrEqual(59_000)
  const log = await fetch(`${server.url}/api/v1/admin/webhooks/${hook.id}/deliveries`, {
    headers: admin,
  })
  const { deliveries } = (await log.json()) as {
    deliveries: { state: string; attempts: number }[]
  }
  expect(deliveries).toMatchObject([{ state: 'delivered', attempts: 2 }])
}, 280_000)
