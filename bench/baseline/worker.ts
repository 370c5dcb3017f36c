// The yardstick for the vote path: a Worker on the same runtime that does nothing but one
// bare INSERT per request (D1 prepare/bind/run), with no framework, validation or counters.
// Tanggapan's POST /api/v1/responses is reported as a ratio of this.

// Only what is used of D1, so this file type-checks with the Node scripts' config too.
interface BaselineEnv {
  DB: { prepare(sql: string): { bind(...values: unknown[]): { run(): Promise<unknown> } } }
}

export default {
  async fetch(request: Request, env: BaselineEnv): Promise<Response> {
    if (request.method !== 'POST') return new Response('ok')
    const vote = (await request.json()) as { reader: string; rating: number }
    await env.DB.prepare('INSERT INTO votes (reader, rating, answered_at) VALUES (?, ?, ?)')
      .bind(vote.reader, vote.rating, Date.now())
      .run()
    return Response.json({ ok: true })
  },
}
