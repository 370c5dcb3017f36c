import { build } from 'esbuild'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { dashboardHeadersFile } from '../worker/dashboard-csp'

// The dashboard: Preact, bundled and minified by esbuild into dist/public, which the Worker
// serves as static assets (wrangler.toml [assets]) at /dashboard and /dashboard/*.

const OUT = 'dist/public'

export async function buildDashboard(): Promise<void> {
  mkdirSync(`${OUT}/dashboard`, { recursive: true })
  await build({
    entryPoints: ['dashboard/main.tsx'],
    outfile: `${OUT}/dashboard/app.js`,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    logLevel: 'warning',
  })
  copyFileSync('dashboard/app.css', `${OUT}/dashboard/app.css`)
  copyFileSync('dashboard/index.html', `${OUT}/dashboard.html`)
  writeFileSync(`${OUT}/_headers`, dashboardHeadersFile())
  const js = readFileSync(`${OUT}/dashboard/app.js`)
  console.log(`dashboard: app.js ${js.length} B, ${gzipSync(js, { level: 9 }).length} B gzip`)
}

await buildDashboard()
