import { createRoute, z } from '@hono/zod-openapi'
import { adminOnly } from '../../auth/bearer-auth'
import { mintToken, ROLES } from '../../auth/token'
import { apiError } from '../../errors'
import { createToken, revokeToken } from '../../storage/token-changes'
import { listTokens } from '../../storage/tokens'
import { displayName, opdSlug, siteId } from '../../validation/fields'
import { provinceCode } from '../../validation/region-fields'
import { requireSiteAndOpd } from '../known-site'
import { ADMIN, access, apiApp, BODY, errors, jsonRequest, noContent, ok } from '../operation'
import { ANSWERS, tokenScope } from '../schemas'

const newToken = z
  .strictObject({
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` }),
    site: siteId.optional(),
    opd: opdSlug.optional(),
    region: provinceCode('region').optional(),
    label: displayName('label'),
    expires_at: z
      .int('expires_at must be a whole number of milliseconds')
      .positive('expires_at must be a whole number of milliseconds')
      .optional()
      .describe('When the token stops working (ms since 1970); left out: until revoked'),
  })
  .refine((b) => b.role === 'opd' || (b.site === undefined && b.opd === undefined), {
    message: 'only an opd token takes a site or opd',
  })
  .refine((b) => b.role !== 'opd' || b.site !== undefined, { message: 'an opd token needs a site' })
  .refine((b) => (b.role === 'provinsi') === (b.region !== undefined), {
    message:
      'a provinsi token needs a region (a province code), and only a provinsi token takes one',
  })

const tokenId = z.object({ id: z.string().regex(/^[a-z0-9_-]{1,64}$/, 'not a token id') })

const NewToken = tokenScope
  .extend({
    expires_at: z.int().nullable(),
    token: z.string().describe('The bearer token, shown once'),
  })
  .openapi('NewToken')

const tags: ['Management'] = ['Management']

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'Tokens, without secrets',
  ...access('admin'),
  responses: { 200: ok(ANSWERS.Tokens), ...errors(...ADMIN) },
})

const createTokenRoute = createRoute({
  method: 'post',
  path: '/',
  tags,
  summary: 'Make a token (shown once)',
  ...access('admin'),
  ...jsonRequest(newToken),
  responses: {
    201: ok(NewToken),
    ...errors(...ADMIN, ...BODY, 'unknown_site', 'unknown_opd'),
  },
})

const revokeRoute = createRoute({
  method: 'delete',
  path: '/{id}',
  tags,
  summary: 'Revoke a token',
  ...access('admin'),
  request: { params: tokenId },
  responses: { 204: noContent, ...errors(...ADMIN, 'invalid_request', 'unknown_token') },
})

/** Tokens, for admins: made here (shown once), listed without secrets, revoked by id. */
export const adminTokensRoute = apiApp(adminOnly)
  .openapi(listRoute, async (c) => c.json({ tokens: await listTokens(c.var.db) }, 200))
  .openapi(createTokenRoute, async (c) => {
    const body = c.var.body
    const db = c.var.db
    const now = Date.now()
    if (body.expires_at !== undefined && body.expires_at <= now) {
      throw apiError('invalid_request', 'expires_at must be in the future')
    }
    await requireSiteAndOpd(db, body.site, body.opd)
    const minted = await mintToken()
    const record = {
      id: minted.id,
      hash: minted.hash,
      role: body.role,
      site: body.site ?? null,
      opd: body.opd ?? null,
      region: body.region ?? null,
      label: body.label,
      expiresAt: body.expires_at ?? null,
    }
    const { hash: _hash, expiresAt, ...scope } = record
    const shown = { ...scope, expires_at: expiresAt }
    const { id: _id, ...after } = shown
    const audit = {
      token: c.var.token,
      action: 'token.create' as const,
      site: record.site,
      target: record.id,
      before: null,
      after,
    }
    await createToken(db, record, now, audit)
    return c.json({ ...shown, token: minted.token }, 201)
  })
  .openapi(revokeRoute, async (c) => {
    const { id } = c.req.valid('param')
    const audit = { token: c.var.token, action: 'token.revoke' as const }
    if (!(await revokeToken(c.var.db, id, Date.now(), audit))) {
      throw apiError('unknown_token', `No token has the id ${id}`)
    }
    return c.body(null, 204)
  })
