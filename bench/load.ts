import autocannon from 'autocannon'

// Load phases: autocannon on loopback, each bounded both in time (duration) and in count
// (stopped once `maxRequests` have been answered), so a phase always ends by itself.
// Latencies are kept per request, so rounds of one measurement pool into exact percentiles.

export interface LoadRequest {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

export interface LoadPhase {
  url: string
  /** Builds each request afresh, so every request can carry its own reader or article. */
  next: () => LoadRequest
  seconds: number
  maxRequests: number
  connections: number
  /** Requests per second over all connections (autocannon's overallRate); as fast as answered when absent. */
  rate?: number
}

/** What one or more rounds of a phase measured. */
export interface Measured {
  /** Latencies (ms) of the 2xx answers. */
  latencies: number[]
  /** Non-2xx answers, socket errors and timeouts: any means the phase measured the wrong thing. */
  failures: number
  seconds: number
}

export interface LoadResult {
  requests: number
  /** Answered requests per second over the phase. */
  throughput: number
  p50: number
  p99: number
  failures: number
}

export async function runLoad(phase: LoadPhase): Promise<Measured> {
  const latencies: number[] = []
  let failures = 0
  const options: autocannon.Options = {
    url: new URL(phase.url).origin,
    connections: phase.connections,
    duration: phase.seconds,
    timeout: 10,
    ...(phase.rate ? { overallRate: phase.rate } : {}),
    requests: [
      {
        setupRequest: (request) => {
          const next = phase.next()
          return {
            ...request,
            method: next.method,
            path: next.path,
            headers: next.headers,
            body: next.body,
          }
        },
      },
    ],
  }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)))
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) latencies.push(ms)
      else failures++
      if (latencies.length + failures === phase.maxRequests) instance.stop()
    })
  })
  return {
    latencies,
    failures: failures + result.errors + result.timeouts,
    seconds: result.duration,
  }
}

export function pool(rounds: Measured[]): Measured {
  return {
    latencies: rounds.flatMap((r) => r.latencies),
    failures: rounds.reduce((n, r) => n + r.failures, 0),
    seconds: rounds.reduce((n, r) => n + r.seconds, 0),
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/** Summarises a measurement; throws when more than 1 % failed, as its figures would be of errors. */
export function summarise(name: string, measured: Measured): LoadResult {
  const requests = measured.latencies.length + measured.failures
  if (measured.latencies.length === 0 || measured.failures > requests * 0.01) {
    throw new Error(`${name}: ${measured.failures} failures of ${requests} requests`)
  }
  const sorted = [...measured.latencies].sort((a, b) => a - b)
  return {
    requests,
    throughput: measured.latencies.length / measured.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    failures: measured.failures,
  }
}
