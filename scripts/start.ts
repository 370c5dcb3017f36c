import { spawn } from 'node:child_process'
import { demoSeedSql } from './demo-data'
import { applyLocalMigrations, executeLocalSql, offlineEnv } from './local-d1'

// `npm start`: a local D1 with migrations and demo data, then the Worker on wrangler dev.

const port = Number(process.env.PORT ?? 8787)
const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`]

console.log('Tanggapan: applying migrations to the local D1 …')
applyLocalMigrations()
console.log('Tanggapan: seeding the demo site …')
executeLocalSql(demoSeedSql(origins))

const dev = spawn(
  'npx',
  ['wrangler', 'dev', '--port', String(port), '--ip', '127.0.0.1', '--show-interactive-dev-session=false'],
  { stdio: 'inherit', env: offlineEnv },
)
console.log(`Tanggapan: serving on http://localhost:${port} (API under /api/v1)`)
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => dev.kill(signal))
dev.on('exit', (code) => process.exit(code ?? 0))
