import { createRoute, z } from '@hono/zod-openapi'
import type { TokenScope } from '../../auth/token'
import { randomHex } from '../../domain/crypto'
import { EVENTS, FORMATS, TEST_EVENT, type WebhookRow } from '../../domain/webhooks/events'
import { checkOutboundUrl } from '../../domain/webhooks/outbound-url'
import { factory } from '../../env'
import { apiError } from '../../errors'
import {
  deleteWebhook,
  deliveriesOf,
  insertWebhook,
  listWebhooks,
  setWebhookEnabled,
  webhookById,
} from '../../storage/webhooks'
import { opdSlug, siteId } from '../../validation/fields'
import { allowsLocal, deliverDue, dispatch } from '../../webhooks/deliver'
import { place } from '../../webhooks/messages'
import { requireSiteAndOpd } from '../known-site'
import { ADMIN, access, apiApp, BODY, errors, jsonRequest, noContent, ok } from '../operation'

/** Webhooks a site may have: enough for every OPD's group and a few more. */
const MAX_WEBHOOKS_PER_SITE = 50

// Telegram's chat_id: a chat's number (groups are negative) or a public @channel.
const CHAT_ID = /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/

const newWebhook = z
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

const webhookListQuery = z.object({ site: siteId.optional(), opd: opdSlug.optional() })
const webhookIdParam = z.object({
  id: z.string().regex(/^whk_[0-9a-f]{16}$/, 'not a webhook id'),
})
const enabledBody = z.strictObject({
  enabled: z.boolean({ error: 'enabled must be true or false' }),
})

// Webhooks are described by docs/webhooks.md; their answers are listed here without every field.
const Webhook = z
  .looseObject({ id: z.string(), site: z.string(), url: z.string() })
  .openapi('Webhook')
const Webhooks = z
  .looseObject({ webhooks: z.array(z.looseObject({ id: z.string() })) })
  .openapi('Webhooks')
const Deliveries = z.looseObject({}).openapi('Deliveries')

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

/** A webhook in the audit log: where it points (a bot token masked) and what it hears. */
function described(w: { opd: string | null; url: string; events: string[]; format: string }) {
  return { opd: w.opd, url: w.url.replace(BOT_TOKEN, '$1:…'), events: w.events, format: w.format }
}

const tags: ['Webhooks'] = ['Webhooks']
const byId = { params: webhookIdParam }
const ONE = [...ADMIN, 'invalid_request', 'unknown_webhook'] as const

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Webhooks of a site (never their secrets)',
  ...access('token'),
  request: { query: webhookListQuery },
  responses: {
    200: ok(Webhooks),
    ...errors(...ADMIN, 'invalid_request', 'out_of_scope', 'unknown_site'),
  },
})

const createWebhookRoute = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Add a webhook; its secret is shown once',
  ...access('token'),
  ...jsonRequest(newWebhook),
  responses: {
    201: ok(Webhook),
    ...errors(
      ...ADMIN,
      ...BODY,
      'address_not_allowed',
      'out_of_scope',
      'unknown_site',
      'too_many_webhooks',
    ),
  },
})

const oneRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags,
  summary: 'One webhook',
  ...access('token'),
  request: byId,
  responses: { 200: ok(Webhook), ...errors(...ONE) },
})

const deliveriesRoute = createRoute({
  method: 'get',
  path: '/{id}/deliveries',
  tags,
  summary: 'The delivery log, newest first',
  ...access('token'),
  request: byId,
  responses: { 200: ok(Deliveries), ...errors(...ONE) },
})

const testRoute = createRoute({
  method: 'post',
  path: '/{id}/test',
  tags,
  summary: 'Send one webhook.test delivery now',
  ...access('token'),
  request: byId,
  responses: { 200: ok(Deliveries), ...errors(...ONE) },
})

const enabledRequest = jsonRequest(enabledBody)
const enableRoute = createRoute({
  method: 'patch',
  path: '/{id}',
  tags,
  summary: 'Turn a webhook off or on',
  ...access('token'),
  ...enabledRequest,
  request: { ...byId, ...enabledRequest.request },
  responses: { 200: ok(Webhook), ...errors(...ADMIN, ...BODY, 'unknown_webhook') },
})

const deleteRoute = createRoute({
  method: 'delete',
  path: '/{id}',
  tags,
  summary: 'Delete a webhook and its log',
  ...access('token'),
  request: byId,
  responses: { 204: noContent, ...errors(...ONE) },
})

/** Only the admin and OPD roles manage webhooks; checked before any input is read. */
const writer = factory.createMiddleware(async (c, next) => {
  requireWriter(c.var.token)
  await next()
})

/**
 * Webhooks (docs/contract.md §9; docs/webhooks.md): made (the secret shown once), listed, turned
 * off and on, deleted, tested, and their delivery log read. Admins for any site, `opd`
 * tokens for their own site or OPD; the read-only roles may not.
 */
export const webhooksRoute = apiApp(writer)
  .openapi(listRoute, async (c) => {
    const q = c.req.valid('query')
    const token = c.var.token
    const filter =
      token.role === 'opd'
        ? { site: token.site ?? '', opd: token.opd ?? q.opd }
        : { site: q.site, opd: q.opd }
    if (token.role === 'opd' && q.site !== undefined && q.site !== token.site) {
      throw apiError('out_of_scope', `This token may read only site ${token.site}`)
    }
    const rows = await listWebhooks(c.var.db, filter)
    return c.json({ webhooks: rows.map(shown) }, 200)
  })
  .openapi(createWebhookRoute, async (c) => {
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
    const audit = {
      token,
      action: 'webhook.create' as const,
      site: body.site,
      target: webhook.id,
      before: null,
      after: described(webhook),
    }
    if (!(await insertWebhook(db, webhook, Date.now(), MAX_WEBHOOKS_PER_SITE, audit))) {
      throw apiError(
        'too_many_webhooks',
        `Site ${body.site} already has ${MAX_WEBHOOKS_PER_SITE} webhooks; delete one first`,
      )
    }
    const stored = (await webhookById(db, webhook.id))!
    return c.json({ ...shown(stored), secret: webhook.secret }, 201)
  })
  .openapi(oneRoute, async (c) =>
    c.json(shown(await requireWebhook(c.var.db, c.var.token, c.req.valid('param').id)), 200),
  )
  .openapi(deliveriesRoute, async (c) => {
    const w = await requireWebhook(c.var.db, c.var.token, c.req.valid('param').id)
    return c.json({ deliveries: await deliveriesOf(c.var.db, w.id) }, 200)
  })
  .openapi(testRoute, async (c) => {
    const db = c.var.db
    const w = await requireWebhook(db, c.var.token, c.req.valid('param').id)
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
    // JSON has no undefined: a delivery not found is left out, as JSON.stringify would.
    return c.json(delivery === undefined ? {} : { delivery }, 200)
  })
  .openapi(enableRoute, async (c) => {
    const db = c.var.db
    const w = await requireWebhook(db, c.var.token, c.req.valid('param').id)
    const { enabled } = c.var.body
    await setWebhookEnabled(db, w.id, enabled, {
      token: c.var.token,
      action: 'webhook.update',
      site: w.site,
      target: w.id,
      before: { enabled: w.enabled },
      after: { enabled },
    })
    return c.json(shown((await webhookById(db, w.id))!), 200)
  })
  .openapi(deleteRoute, async (c) => {
    const w = await requireWebhook(c.var.db, c.var.token, c.req.valid('param').id)
    await deleteWebhook(c.var.db, w.id, {
      token: c.var.token,
      action: 'webhook.delete',
      site: w.site,
      target: w.id,
      before: described(w),
      after: null,
    })
    return c.body(null, 204)
  })

/** The webhook of the path, or 404 — also when it is another OPD's, so ids reveal nothing. */
async function requireWebhook(
  db: Parameters<typeof webhookById>[0],
  token: TokenScope,
  id: string,
): Promise<WebhookRow> {
  const w = await webhookById(db, id)
  if (w === null || !mayManage(token, w)) throw apiError('unknown_webhook', `No webhook ${id}`)
  return w
}
