import { startLocalServer } from './local-server'

// `npm start`: a local D1 with migrations and demo data, then the Worker on wrangler dev.

const port = Number(process.env.PORT ?? 8787)

console.log('Tanggapan: preparing the local D1 (migrations, demo data) …')
// docs/contract.md §6: abuse limits are on by default; RATE_LIMITS=off lifts them for load tests.
const vars = process.env.RATE_LIMITS ? { RATE_LIMITS: process.env.RATE_LIMITS } : undefined
const server = await startLocalServer({
  port,
  stdio: 'inherit',
  vars,
  adminToken: process.env.ADMIN_TOKEN || undefined,
  // As deployed: webhook deliveries and their retries every minute, retention daily.
  crons: true,
})
console.log(`
Tanggapan is running on http://localhost:${port}
  Demo page   http://localhost:${port}/demo  (a news article with the widget at its end)
  Widget      http://localhost:${port}/widget.js
  API         http://localhost:${port}/api/v1/summary?site=demo&article=https://contohkab.go.id/berita/wifi-gratis-di-50-taman-kota
  Dashboard   http://localhost:${port}/dashboard
  Admin token ${server.adminToken}
              (local only; ADMIN_TOKEN=… npm start sets it / token admin lokal)
  Cron        wrangler.toml's triggers run on schedule (webhooks each minute, retention 00:30 WIB)
Press Ctrl+C to stop.
`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void server.stop().then(() => process.exit(0)))
}
server.process.on('exit', (code) => process.exit(code ?? 0))
