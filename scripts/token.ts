import { execFileSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { hashToken, mintToken, type Role, ROLES } from '../worker/auth/token'
import { ensureRegions } from './build-regions'
import { opdSlug, siteId } from '../worker/validation/fields'
import { executeLocalSql, queryLocalSql } from './local-d1'
import { database } from '../worker/db/client'
import { tokenInsert } from '../worker/storage/tokens'

// `npm run token -- create --role kominfo [--site demo] [--opd diskominfo] [--label …] [--remote]`
// `npm run token -- create --role provinsi --region 35` (a Kemendagri province code)
// `npm run token -- revoke <id> [--remote]`, `npm run token -- list [--remote]`
// Local D1 by default (what npm start serves); --remote goes through wrangler to the real D1.

// By binding, not name: CLOUDFLARE_ENV=production picks [env.production]'s database (docs/operations.md).
const DATABASE = 'DB'
const q = (v: string | number | null) =>
  v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`

export interface TokenRequest {
  role: Role
  site?: string
  opd?: string
  /** A `provinsi` token's province code. */
  region?: string
  label: string
  /** A fixed id and token (npm start's local admin); otherwise both are random. */
  fixed?: { id: string; token: string }
}

/**
 * SQL that stores a token's hash (never the token), through the Worker's one token writer. A
 * fixed id replaces that token, so each `npm start` swaps its local admin token in place.
 */
export async function tokenSql(request: TokenRequest, nowMs = Date.now()) {
  if (request.role === 'opd' && request.site === undefined)
    throw new Error('an opd token needs --site')
  if (request.role !== 'opd' && (request.site ?? request.opd) !== undefined)
    throw new Error('only an opd token takes --site or --opd')
  for (const [schema, value] of [
    [siteId, request.site],
    [opdSlug, request.opd],
  ] as const) {
    const checked = value === undefined ? null : schema.safeParse(value)
    if (checked && !checked.success) throw new Error(checked.error.issues[0].message)
  }
  if (request.role === 'provinsi' && request.region === undefined)
    throw new Error('a provinsi token needs --region (a province code such as 35)')
  if (request.role !== 'provinsi' && request.region !== undefined)
    throw new Error('only a provinsi token takes --region')
  // The region list is generated (scripts/build-regions.ts): built here if this runs first.
  ensureRegions()
  const { isProvince } = await import('../worker/domain/regions/regions')
  if (request.region !== undefined && !isProvince(request.region))
    throw new Error(`--region ${request.region} is not a province code on the Kemendagri list`)
  const minted = request.fixed
    ? { ...request.fixed, hash: await hashToken(request.fixed.token) }
    : await mintToken()
  const record = {
    id: minted.id,
    hash: minted.hash,
    role: request.role,
    site: request.site ?? null,
    opd: request.opd ?? null,
    region: request.region ?? null,
    label: request.label,
  }
  // The Worker's own statement (storage/tokens.ts), written out as SQL text for wrangler.
  const query = tokenInsert(database({} as never), record, nowMs).toSQL()
  let next = 0
  const sql = `${query.sql.replace(/\?/g, () => q(query.params[next++] as string | number | null))};\n`
  return { id: minted.id, token: minted.token, sql }
}

function runSql(sql: string, remote: boolean, persistTo?: string) {
  if (!remote) return executeLocalSql(sql, persistTo)
  // The real D1: wrangler uses the account you are logged in with (`npx wrangler login`).
  execFileSync('npx', ['wrangler', 'd1', 'execute', DATABASE, '--remote', `--command=${sql}`], {
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      site: { type: 'string' },
      opd: { type: 'string' },
      region: { type: 'string' },
      label: { type: 'string' },
      remote: { type: 'boolean', default: false },
      'persist-to': { type: 'string' },
    },
  })
  const [command, id] = positionals
  const persistTo = values['persist-to']
  if (command === 'create') {
    const role = values.role as Role
    if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`)
    const label =
      values.label ??
      `${role}${values.site ? ` ${values.site}` : ''}${values.opd ? `/${values.opd}` : ''}${values.region ? ` ${values.region}` : ''} (CLI)`
    const made = await tokenSql({
      role,
      site: values.site,
      opd: values.opd,
      region: values.region,
      label,
    })
    runSql(made.sql, values.remote, persistTo)
    console.log(
      `Token ${made.id} (${role}) — shown only now, keep it safe / hanya ditampilkan sekali:\n\n  ${made.token}\n`,
    )
  } else if (command === 'revoke' && id) {
    runSql(
      `UPDATE tokens SET revoked_at = ${Date.now()} WHERE id = ${q(id)} AND revoked_at IS NULL;`,
      values.remote,
      persistTo,
    )
    console.log(`Token ${id} revoked (if it existed and was live).`)
  } else if (command === 'list' && !values.remote) {
    console.table(
      queryLocalSql(
        'SELECT id, role, site_id, opd, region, label, created_at, revoked_at FROM tokens ORDER BY created_at',
        persistTo,
      ),
    )
  } else {
    console.error(
      'usage: npm run token -- create --role admin|kominfo|opd|provinsi [--site S] [--opd O] [--region 35] [--label L] [--remote]\n' +
        '       npm run token -- revoke <id> [--remote]\n       npm run token -- list',
    )
    process.exit(2)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
