import { Hono } from 'hono'
import { z } from 'zod'
import type { AuthVars } from '../auth/bearer'
import { ROLES } from '../auth/roles'
import { adminOnly } from '../auth/admin-only'
import { mintToken } from '../auth/token-secret'
import { database } from '../db/client'
import type { Env } from '../env'
import { ApiError } from '../errors'
import { assertSiteAndOpd } from '../storage/stats'
import { insertToken, listTokens, revokeToken } from '../storage/tokens'
import { opdSlug, siteId } from '../validation/fields'
import { provinceCode } from '../validation/region-fields'
import { jsonBody } from '../validation/json-body'
import { parseOrThrow } from '../validation/parse'
import { displayName } from './admin-fields'

const newToken = z
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
    message: 'a provinsi token needs a region (a province code), and only a provinsi token takes one',
  })

const tokenId = z.object({ id: z.string().regex(/^[a-z0-9_-]{1,64}$/, 'not a token id') })

/** Tokens, for admins: made here (shown once), listed without secrets, revoked by id. */
export const adminTokensRoute = new Hono<{ Bindings: Env; Variables: AuthVars }>()
  .use(adminOnly)
  .get('/', async (c) => c.json({ tokens: await listTokens(database(c.env.DB)) }))
  .post('/', jsonBody(newToken), async (c) => {
    const body = c.var.body
    const db = database(c.env.DB)
    await assertSiteAndOpd(db, body.site, body.opd)
    const minted = await mintToken()
    const record = { id: minted.id, hash: minted.hash, role: body.role, site: body.site ?? null, opd: body.opd ?? null, region: body.region ?? null, label: body.label }
    await insertToken(db, record, Date.now())
    const { hash: _hash, ...shown } = record
    return c.json({ ...shown, token: minted.token }, 201)
  })
  .delete('/:id', async (c) => {
    const { id } = parseOrThrow(tokenId, c.req.param())
    if (!(await revokeToken(database(c.env.DB), id, Date.now()))) {
      throw new ApiError(404, 'unknown_token', `No token has the id ${id}`)
    }
    return c.body(null, 204)
  })
