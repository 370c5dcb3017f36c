import * as z from 'zod'
import { mintToken, ROLES } from '../auth/token'
import { adminOnly } from '../auth/bearer-auth'
import { apiError } from '../errors'
import { insertToken, listTokens, revokeToken } from '../storage/tokens'
import { displayName, opdSlug, siteId } from '../validation/fields'
import { jsonBody, parseOrThrow } from '../validation/json-body'
import { provinceCode } from '../validation/region-fields'
import { factory } from '../env'
import { requireSiteAndOpd } from './site-request'

export const newToken = z
  .strictObject({
    role: z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` }),
    site: siteId.optional(),
    opd: opdSlug.optional(),
    region: provinceCode('region').optional(),
    label: displayName('label'),
  })
  .refine((b) => b.role === 'opd' || (b.site === undefined && b.opd === undefined), {
    message: 'only an opd token takes a site or opd',
  })
  .refine((b) => b.role !== 'opd' || b.site !== undefined, { message: 'an opd token needs a site' })
  .refine((b) => (b.role === 'provinsi') === (b.region !== undefined), {
    message:
      'a provinsi token needs a region (a province code), and only a provinsi token takes one',
  })

export const tokenId = z.object({ id: z.string().regex(/^[a-z0-9_-]{1,64}$/, 'not a token id') })

/** Tokens, for admins: made here (shown once), listed without secrets, revoked by id. */
export const adminTokensRoute = factory
  .createApp()
  .use(adminOnly)
  .get('/', async (c) => c.json({ tokens: await listTokens(c.var.db) }))
  .post('/', jsonBody(newToken), async (c) => {
    const body = c.var.body
    const db = c.var.db
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
    }
    await insertToken(db, record, Date.now())
    const { hash: _hash, ...shown } = record
    return c.json({ ...shown, token: minted.token }, 201)
  })
  .delete('/:id', async (c) => {
    const { id } = parseOrThrow(tokenId, c.req.param())
    if (!(await revokeToken(c.var.db, id, Date.now()))) {
      throw apiError('unknown_token', `No token has the id ${id}`)
    }
    return c.body(null, 204)
  })
