import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { cors } from 'hono/cors'
import { etag } from 'hono/etag'
import { toCsv } from '../../domain/exports/csv'
import {
  frequencyOf,
  OPEN_DATA_COLUMNS,
  openDataRows,
  walidataOf,
} from '../../domain/exports/opendata'
import { regionOf } from '../../domain/regions/regions'
import type { AppEnv } from '../../env'
import { apiError } from '../../errors'
import { listPublications, openDataSite, publishedMonths } from '../../storage/publications'
import { siteId } from '../../validation/fields'
import { SKM_OPEN_DATA_COLUMNS, skmOpenDataRows } from '../../skm/open-data'
import { siteSkmPublications } from '../../storage/skm-publications'
import { parseOrThrow } from '../../validation/json-body'
import { publicOrigin } from '../../public-origin'
import { access, apiApp, errors } from '../operation'

// Open data for Satu Data Indonesia (docs/contract.md §8; docs/publications.md «Open data / Data terbuka»): per site
// a CSV of its published figures per OPD and month, and that dataset's metadata in the shape
// of CKAN's `package_show`, so a regional CKAN portal can harvest it. Both are built from the
// frozen publications only, never from the live tables, and carry counts only.

/** New publications show within five minutes; an unchanged answer is a 304 by its ETag. */
const CACHE = 'public, max-age=300'
const LICENSE = {
  license_id: 'CC-BY-4.0',
  license_title: 'Creative Commons Attribution 4.0',
  license_url: 'https://creativecommons.org/licenses/by/4.0/',
}
const TAGS = ['ikm', 'skm', 'survei-kepuasan', 'pelayanan-publik', 'informasi-publik']

type Site = Awaited<ReturnType<typeof siteOf>>

/** The site a file names, or 404 when no such site exists (400 when it cannot be a site id). */
async function siteOf(c: Context<AppEnv>, site: string) {
  parseOrThrow(z.object({ site: siteId }), { site })
  const found = await openDataSite(c.var.db, site)
  if (found === null) throw apiError('unknown_site', `No site is called ${site}`)
  return { id: site, ...found }
}

/** The SKM resource: `<site>.skm.csv`, one row per SKM publication (docs/contract.md §14). */
const SKM_CSV = '.skm.csv'

const datasetPath = (c: Context, site: string, ext: 'csv' | 'json' | 'skm.csv') =>
  `${publicOrigin(c)}/api/v1/public/datasets/${site}.${ext}`

const Dataset = z
  .looseObject({ success: z.boolean() })
  .describe('CKAN package_show, or the CSV')
  .openapi('Dataset')

const FILE = /^[^/]+\.(csv|json)$/

function operation(description: string) {
  return createRoute({
    method: 'get',
    path: '/{file}',
    tags: ['Publications'],
    summary:
      'Open data of a site: `<site>.csv` (figures per OPD and month) or `<site>.json` (CKAN package_show)',
    description,
    ...access('public'),
    request: {
      params: z.object({
        file: z
          .string()
          .regex(FILE)
          .describe('`<site>.csv`, `<site>.skm.csv` (SKM publications) or `<site>.json`'),
      }),
    },
    responses: {
      200: {
        description: 'Success',
        content: { 'application/json': { schema: Dataset }, 'text/csv': { schema: z.string() } },
      },
      ...errors('invalid_request', 'unknown_site', 'rate_limited'),
    },
  })
}

function openData(description: string) {
  return apiApp(cors({ origin: '*', allowMethods: ['GET'] }), etag()).openapi(
    operation(description),
    async (c) => {
      const { file } = c.req.valid('param')
      if (file.endsWith(SKM_CSV)) return skmCsv(c, await siteOf(c, file.slice(0, -SKM_CSV.length)))
      const site = await siteOf(c, file.slice(0, file.lastIndexOf('.')))
      return file.endsWith('.csv') ? csv(c, site) : packageShow(c, site)
    },
    // Another extension is no file of ours: 404, as for any path nothing answers.
    (result, c) => {
      if (!result.success) return c.notFound()
    },
  )
}

/** The contract's path (docs/contract.md §8). */
export const datasetsRoute = openData('No token; CORS `*`; built from publications only.')
/** The path the laporan and transparansi pages were built against. */
export const openDataRoute = openData('The same as /api/v1/public/datasets/{file}.')

async function csv(c: Context<AppEnv>, site: Site) {
  const documents = await publishedMonths(c.var.db, site.id)
  const rows = openDataRows(documents, site.region === null ? null : regionOf(site.region))
  return c.body(toCsv(OPEN_DATA_COLUMNS, rows), 200, {
    'Content-Type': 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': `inline; filename="tanggapan-${site.id}-ikm-bulanan.csv"`,
    'Cache-Control': CACHE,
  })
}

async function skmCsv(c: Context<AppEnv>, site: Site) {
  const rows = skmOpenDataRows(await siteSkmPublications(c.var.db, site.id))
  return c.body(toCsv(SKM_OPEN_DATA_COLUMNS, rows), 200, {
    'Content-Type': 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': `inline; filename="tanggapan-${site.id}-skm.csv"`,
    'Cache-Control': CACHE,
  })
}

async function packageShow(c: Context<AppEnv>, site: Site) {
  const [heads, skm] = await Promise.all([
    listPublications(c.var.db, site.id),
    siteSkmPublications(c.var.db, site.id),
  ])
  const published = heads.map((h) => h.published_at).sort()
  const region = site.region === null ? null : regionOf(site.region)
  const opdsPublished = new Set(heads.map((h) => h.opd))
  // One OPD publishing alone produces the data; otherwise the pemda does, for all its OPDs.
  const onlyOpd = opdsPublished.size === 1 ? [...opdsPublished][0] : null
  const produsen = onlyOpd ? (site.opds.get(onlyOpd) ?? onlyOpd) : site.name
  const walidata = walidataOf(site.name, site.opds.get('diskominfo') ?? null)
  const created = published[0] ?? new Date(site.createdAt).toISOString()
  const modified = published.at(-1) ?? created
  const months = heads.flatMap((h) => [h.from.slice(0, 7), h.to.slice(0, 7)]).sort()
  const packageId = `tanggapan-${site.id}`
  const level =
    region === null ? null : region.code === region.province ? 'Provinsi' : 'Kabupaten/Kota'
  const organization = {
    id: `tanggapan-${site.id}-${onlyOpd ?? 'pemda'}`,
    name: `${site.id}-${onlyOpd ?? 'pemda'}`,
    title: produsen,
    type: 'organization',
    description: onlyOpd ? `${produsen}, ${site.name}` : site.name,
    image_url: '',
    created,
    is_organization: true,
    approval_status: 'approved',
    state: 'active',
  }
  const extras: Record<string, string> = {
    produsen_data: produsen,
    walidata,
    kode_wilayah: region?.code ?? '',
    nama_wilayah: region?.name ?? '',
    frekuensi: frequencyOf(heads.map((h) => h.period)),
    cakupan: level === null ? site.name : `${level} (${region!.name})`,
    periode_awal: months[0] ?? '',
    periode_akhir: months.at(-1) ?? '',
    satuan: 'IKM 25–100 (indikatif); jumlah tanggapan; kali dilihat',
    jumlah_publikasi: String(heads.length),
  }
  const resource = {
    package_id: packageId,
    format: 'CSV',
    mimetype: 'text/csv',
    state: 'active',
    created,
    last_modified: modified,
    datastore_active: false,
  }
  const resources = [
    {
      ...resource,
      id: `${packageId}-csv`,
      name: `IKM per OPD per bulan — ${site.name}`,
      description: `Kolom: ${OPEN_DATA_COLUMNS.join(', ')}.`,
      url: datasetPath(c, site.id, 'csv'),
      position: 0,
    },
    // The official survey's results, once the site has published one (docs/contract.md §14).
    ...(skm.length === 0
      ? []
      : [
          {
            ...resource,
            id: `${packageId}-skm-csv`,
            name: `SKM per layanan per periode — ${site.name}`,
            description: `Survei Kepuasan Masyarakat (PermenPANRB 14/2017), satu baris per publikasi SKM. Kolom: ${SKM_OPEN_DATA_COLUMNS.join(', ')}.`,
            url: datasetPath(c, site.id, 'skm.csv'),
            position: 1,
          },
        ]),
  ]
  const result = {
    id: packageId,
    name: `ikm-tanggapan-${site.id}`,
    title: `Indeks Kepuasan Masyarakat (indikatif) atas informasi daring — ${site.name}`,
    notes: [
      `Tanggapan pembaca berita daring ${site.name} («Bagaimana Tanggapan Anda?»: Sangat Puas,`,
      'Puas, Cukup Puas, Tidak Puas) per OPD dan per bulan, dengan IKM = 25 × rata-rata',
      'jawaban dan mutunya (PermenPANRB 14/2017). Hanya periode yang sudah dipublikasikan; angka',
      'sebuah bulan berasal dari publikasi pertama yang memuatnya dan tidak berubah lagi',
      '(id_publikasi menunjuk publikasi tersebut beserta SHA-256-nya). IKM ini indikatif: satu',
      'pertanyaan yang dijawab pembaca yang memilih sendiri, bukan SKM resmi sembilan unsur.',
      'Tidak memuat data pribadi (tanpa id pembaca, tanpa teks komentar).',
    ].join(' '),
    type: 'dataset',
    state: 'active',
    private: false,
    author: produsen,
    author_email: '',
    maintainer: walidata,
    maintainer_email: '',
    ...LICENSE,
    isopen: true,
    url: `${publicOrigin(c)}/transparansi/${site.id}`,
    version: '',
    metadata_created: created,
    metadata_modified: modified,
    owner_org: organization.id,
    organization,
    num_resources: resources.length,
    num_tags: TAGS.length,
    resources,
    tags: TAGS.map((name) => ({
      name,
      display_name: name,
      state: 'active',
      vocabulary_id: null,
    })),
    groups: [],
    extras: Object.entries(extras).map(([key, value]) => ({ key, value })),
  }
  c.header('Cache-Control', CACHE)
  return c.json({
    help: `${datasetPath(c, site.id, 'json')}: metadata dataset Satu Data Indonesia dalam bentuk package_show CKAN`,
    success: true,
    result,
  })
}
