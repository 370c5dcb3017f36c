import * as z from 'zod'
import type { TokenScope } from '../auth/token'
import { randomHex } from '../domain/crypto'
import { EVENTS, FORMATS, TEST_EVENT, type WebhookRow } from '../domain/webhooks/events'
import { checkOutboundUrl } from '../domain/webhooks/outbound-url'
import { apiError } from '../errors'
import { factory } from '../env'
import {
  deleteWebhook,
  deliveriesOf,
  insertWebhook,
  listWebhooks,
  setWebhookEnabled,
  webhookById,
} from '../storage/webhooks'
import { opdSlug, siteId } from '../validation/fields'
import { jsonBody, parseOrThrow } from '../validation/json-body'
import { allowsLocal, deliverDue, dispatch } from '../webhooks/deliver'
import { place } from '../webhooks/messages'
import { requireSiteAndOpd } from './site-request'

/** Webhooks a site may have: enough for every OPD's group and a few more. */
const MAX_WEBHOOKS_PER_SITE = 50

// Telegram's chat_id: a chat's number (groups are negative) or a public @channel.
const CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/

export const newWebhook = z
  .strictObject({
    site: siteId,
    opd: opdSlug.optional(),
    url: z.string({ error: 'url must be an http(s) URL' }),
    events: z
      .array(z.enum(EVENTS, { error: `each event must be one of ${EVENTS.join(', ')}` }), {
        error: 'events must be a list of events',
      })
      .min(1, 'events must name at least one event')
      .refine((list) => new Set(list).size === list.length, 'events must not repeat'),
    format: z.enum(FORMATS, { error: `format must be one of ${FORMATS.join(', ')}` }),
    chat_id: z
      .union([z.string(), z.number().int()], { error: 'chat_id must be a chat id' })
      .transform(String)
      .refine((s) => CHAT_ID.test(s), 'chat_id must be a number or an @channel name')
      .optional(),
  })
  .refine((b) => (b.format === 'telegram') === (b.chat_id !== undefined), {
    message: 'the telegram format needs a chat_id, and only it takes one',
    path: ['chat_id'],
  })

export const webhookListQuery = z.object({ site: siteId.optional(), opd: opdSlug.optional() })
export const webhookIdParam = z.object({
  id: z.string().regex(/^whk_[0-9a-f]{16}$/, 'not a webhook id'),
})
export const enabledBody = z.strictObject({
  enabled: z.boolean({ error: 'enabled must be true or false' }),
})

function requireWriter(token: TokenScope) {
  if (token.role !== 'admin' && token.role !== 'opd') {
    throw apiError('forbidden', 'Only an admin or OPD token may manage webhooks')
  }
}

/** Whether a token may see and manage a webhook: an OPD's token only its OPD's. */
function mayManage(token: TokenScope, w: { site: string; opd: string | null }): boolean {
  if (token.role === 'admin') return true
  if (token.role !== 'opd' || token.site !== w.site) return false
  return token.opd === null || token.opd === w.opd
}

// A Telegram URL carries the bot's token: listed, it is cut to the bot's number.
const BOT_TOKEN = /(\/bot\d+):[A-Za-z0-9_-]+/

function shown(w: WebhookRow) {
  return { ...w, url: w.url.replace(BOT_TOKEN, '$1:…') }
}

/**
 * Webhooks (docs/contract.md §9; docs/webhooks.md): made (the secret shown once), listed, turned
 * off and on, deleted, tested, and their delivery log read. Admins for any site, `opd`
 * tokens for their own site or OPD; the read-only roles may not.
 */
export const webhooksRoute = factory
  .createApp()
  .use(async (c, next) => {
    requireWriter(c.var.token)
    await next()
  })
  .get('/', async (c) => {
    const q = parseOrThrow(webhookListQuery, c.req.query())
    const token = c.var.token
    const filter =
      token.role === 'opd'
        ? { site: token.site ?? '', opd: token.opd ?? q.opd }
        : { site: q.site, opd: q.opd }
    if (token.role === 'opd' && q.site !== undefined && q.site !== token.site) {
      throw apiError('out_of_scope', `This token may read only site ${token.site}`)
    }
    const rows = await listWebhooks(c.var.db, filter)
    return c.json({ webhooks: rows.map(shown) })
  })
  .post('/', jsonBody(newWebhook), async (c) => {
    const body = c.var.body
    const token = c.var.token
    const opd = body.opd ?? null
    if (!mayManage(token, { site: body.site, opd })) {
      throw apiError('out_of_scope', 'This token may not add webhooks for that site or OPD')
    }
    const verdict = checkOutboundUrl(body.url, allowsLocal(c.env))
    if (!verdict.ok) {
      if (verdict.reason === 'local') {
        throw apiError(
          'address_not_allowed',
          'url points at a private, loopback or link-local address; a webhook needs a public one',
        )
      }
      throw apiError(
        'invalid_request',
        'url must be an http(s) URL without a user name or password',
      )
    }
    const db = c.var.db
    await requireSiteAndOpd(db, body.site, body.opd)
    const webhook = {
      id: `whk_${randomHex(8)}`,
      site: body.site,
      opd,
      url: verdict.url.href,
      events: body.events,
      format: body.format,
      chatId: body.chat_id ?? null,
      secret: `whsec_${randomHex(32)}`,
    }
    if (!(await insertWebhook(db, webhook, Date.now(), MAX_WEBHOOKS_PER_SITE))) {
      throw apiError(
        'too_many_webhooks',
        `Site ${body.site} already has ${MAX_WEBHOOKS_PER_SITE} webhooks; delete one first`,
      )
    }
    const stored = (await webhookById(db, webhook.id))!
    return c.json({ ...shown(stored), secret: webhook.secret }, 201)
  })
  .get('/:id', async (c) =>
    c.json(shown(await requireWebhook(c.var.db, c.var.token, c.req.param()))),
  )
  .get('/:id/deliveries', async (c) => {
    const w = await requireWebhook(c.var.db, c.var.token, c.req.param())
    return c.json({ deliveries: await deliveriesOf(c.var.db, w.id) })
  })
  .post('/:id/test', async (c) => {
    const db = c.var.db
    const w = await requireWebhook(db, c.var.token, c.req.param())
    const now = Date.now()
    const data = { message: 'Tes webhook Tanggapan: pesan ini sampai.' }
    const text = `✅ <b>Tes webhook Tanggapan</b> · ${place(w.site, w.opd)}\nPesan ini sampai.`
    const [id] = await dispatch(
      db,
      { name: TEST_EVENT, site: w.site, opd: w.opd, key: null, render: () => ({ data, text }) },
      now,
      [{ id: w.id, site: w.site, opd: w.opd, format: w.format, chatId: w.chat_id }],
    )
    // The one delivery sent inside a request: the operator pressed the button to see it.
    await deliverDue(db, c.env, now, { only: [id] })
    const delivery = (await deliveriesOf(db, w.id)).find((d) => d.id === id)
    return c.json({ delivery })
  })
  .patch('/:id', jsonBody(enabledBody), async (c) => {
    const db = c.var.db
    const w = await requireWebhook(db, c.var.token, c.req.param())
    await setWebhookEnabled(db, w.id, c.var.body.enabled)
    return c.json(shown((await webhookById(db, w.id))!))
  })
  .delete('/:id', async (c) => {
    const w = await requireWebhook(c.var.db, c.var.token, c.req.param())
    await deleteWebhook(c.var.db, w.id)
    return c.body(null, 204)
  })

/** The webhook of the path, or 404 — also when it is another OPD's, so ids reveal nothing. */
async function requireWebhook(
  db: Parameters<typeof webhookById>[0],
  token: TokenScope,
  params: Record<string, string>,
): Promise<WebhookRow> {
  const { id } = parseOrThrow(webhookIdParam, params)
  const w = await webhookById(db, id)
  if (w === null || !mayManage(token, w)) throw apiError('unknown_webhook', `No webhook ${id}`)
  return w
}
