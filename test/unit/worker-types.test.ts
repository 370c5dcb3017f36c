import { execFileSync } from 'node:child_process'
import { expect, it } from 'vitest'

// The Worker's `Env` is what `npm run types` generates from wrangler.toml
// (worker/worker-configuration.d.ts). A binding added, renamed or removed in wrangler.toml
// without regenerating would leave the code typed against bindings the Worker does not have.
// `wrangler types --check` compares offline; nothing reaches Cloudflare.
it('worker/worker-configuration.d.ts is what npm run types makes of wrangler.toml', () => {
  const env = { ...process.env }
  for (const name of Object.keys(env))
    if (name.startsWith('CLOUDFLARE_') || name.startsWith('CF_')) delete env[name]
  let output = ''
  let failed = false
  try {
    output = execFileSync('npm', ['run', '--silent', 'types', '--', '--check'], {
      encoding: 'utf8',
      stdio: 'pipe',
      env: {
        ...env,
        WRANGLER_SEND_METRICS: 'false',
        WRANGLER_HIDE_BANNER: 'true',
        HTTPS_PROXY: 'http://127.0.0.1:9',
        HTTP_PROXY: 'http://127.0.0.1:9',
        NO_PROXY: '',
      },
    })
  } catch (error) {
    failed = true
    const { stdout, stderr } = error as { stdout?: string; stderr?: string }
    output = `${stdout ?? ''}${stderr ?? ''}`
  }
  expect(failed ? output : '', 'run `npm run types` after changing wrangler.toml').toBe('')
  expect(output).toContain('up to date')
}, 60_000)
