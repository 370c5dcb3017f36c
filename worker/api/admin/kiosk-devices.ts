import { createRoute, z } from '@hono/zod-openapi'
import type { Db } from '../../db/client'
import { apiError } from '../../errors'
import { publicOrigin } from '../../public-origin'
import { serviceSlug } from '../../skm/validation'
import { issueDevice, listDevices, revokeDevice } from '../../storage/skm-devices'
import { serviceOf } from '../../storage/skm-services'
import { displayName, opdSlug, siteId } from '../../validation/fields'
import { ADMIN, access, apiApp, BODY, errors, jsonRequest, ok } from '../operation'
import { opdKeeper } from './sites'

// Kiosk devices of an SKM service (docs/contract.md §14; docs/skm.md «Mode kios»): a tablet at
// the counter answering for many respondents. An admin or the OPD's own token issues one (its
// token and kiosk address shown once), lists and revokes them; both changes are in the audit log.

const Device = z
  .strictObject({
    id: z.string().describe('Public id, for listing and revoking'),
    site: z.string(),
    service: z.string(),
    label: z.string(),
    created_at: z.int().describe('Milliseconds since 1970'),
    revoked_at: z.int().nullable().describe('Milliseconds since 1970; null while in use'),
  })
  .openapi('SkmDevice')
const Devices = z.strictObject({ devices: z.array(Device) }).openapi('SkmDevices')
const Issued = z
  .strictObject({
    device: Device,
    token: z.string().describe('The device token: shown once, only its hash is stored'),
    kiosk_url: z.string().describe('The kiosk page with the token, to open on the tablet'),
  })
  .openapi('SkmDeviceIssued')

const serviceParams = z.object({ site: siteId, opd: opdSlug, service: serviceSlug })
const deviceParams = serviceParams.extend({
  device: z.string().regex(/^dev_[0-9a-f]{16}$/, 'device must be a device id such as dev_…'),
})
const issueBody = jsonRequest(
  z.strictObject({ label: displayName('label', 100).describe('Where it stands: «Loket 1»') }),
  opdKeeper,
)

const tags: ['Management'] = ['Management']
const PATH = '/{site}/opds/{opd}/services/{service}/devices'

const issueRoute = createRoute({
  method: 'post',
  path: PATH,
  tags,
  summary: 'Issue a kiosk device for an SKM service',
  description:
    'For an admin, or the opd token of that OPD. The token and the kiosk address ' +
    '(/skm/{site}/{service}?mode=kiosk&device=TOKEN) are shown once; only a hash is stored.',
  ...access('token'),
  ...issueBody,
  request: { params: serviceParams, ...issueBody.request },
  responses: {
    200: ok(Issued),
    ...errors(...ADMIN, ...BODY, 'unknown_service', 'service_retired'),
  },
})

const listRoute = createRoute({
  method: 'get',
  path: PATH,
  tags,
  summary: 'The kiosk devices of an SKM service',
  description: 'Revoked ones too. For an admin, or the opd token of that OPD.',
  ...access('token'),
  middleware: [opdKeeper],
  request: { params: serviceParams },
  responses: {
    200: ok(Devices),
    ...errors(...ADMIN, 'invalid_request', 'unknown_service'),
  },
})

const revokeRoute = createRoute({
  method: 'delete',
  path: `${PATH}/{device}`,
  tags,
  summary: 'Revoke a kiosk device',
  description:
    'Its page says it is no longer registered and its submissions are refused (410 ' +
    '`device_revoked`). For an admin, or the opd token of that OPD.',
  ...access('token'),
  middleware: [opdKeeper],
  request: { params: deviceParams },
  responses: {
    200: ok(Device),
    ...errors(...ADMIN, 'invalid_request', 'unknown_service', 'unknown_device'),
  },
})

/** 404 unless the OPD has that service (retired ones too: their devices can still be read). */
async function ownService(db: Db, site: string, opd: string, slug: string) {
  const service = await serviceOf(db, site, slug)
  if (service === null || service.opd !== opd) {
    throw apiError('unknown_service', `OPD ${opd} of ${site} has no service ${slug}`)
  }
  return service
}

export const adminKioskDevicesRoute = apiApp()
  .openapi(issueRoute, async (c) => {
    const { site, opd, service } = c.req.valid('param')
    const found = await ownService(c.var.db, site, opd, service)
    if (found.retired_at !== null) {
      throw apiError('service_retired', `The service ${service} no longer takes answers`)
    }
    const { row, token } = await issueDevice(
      c.var.db,
      { site, service, label: c.var.body.label },
      Date.now(),
      { token: c.var.token },
    )
    const query = new URLSearchParams({ mode: 'kiosk', device: token })
    const kiosk_url = `${publicOrigin(c)}/skm/${site}/${service}?${query}`
    return c.json({ device: row, token, kiosk_url }, 200)
  })
  .openapi(listRoute, async (c) => {
    const { site, opd, service } = c.req.valid('param')
    await ownService(c.var.db, site, opd, service)
    return c.json({ devices: await listDevices(c.var.db, site, service) }, 200)
  })
  .openapi(revokeRoute, async (c) => {
    const { site, opd, service, device } = c.req.valid('param')
    await ownService(c.var.db, site, opd, service)
    const row = await revokeDevice(c.var.db, { site, service, id: device }, Date.now(), {
      token: c.var.token,
    })
    if (row === null) throw apiError('unknown_device', `Service ${service} has no device ${device}`)
    return c.json(row, 200)
  })
