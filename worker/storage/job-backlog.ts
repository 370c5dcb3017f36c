import { eq } from 'drizzle-orm'
import type { Db } from '../db/client'
import { jobBacklog } from '../db/schema'

type Job = (typeof jobBacklog.$inferSelect)['job']

/** When the owed run of `job` began, or null when nothing is owed (one indexed row read). */
export async function owedSince(db: Db, job: Job): Promise<number | null> {
  const [row] = await db.select().from(jobBacklog).where(eq(jobBacklog.job, job))
  return row?.since ?? null
}

/** Records what a run left for the next invocation; the first run's time is kept. */
export async function owe(db: Db, job: Job, since: number): Promise<void> {
  await db.insert(jobBacklog).values({ job, since }).onConflictDoNothing()
}

export async function settle(db: Db, job: Job): Promise<void> {
  await db.delete(jobBacklog).where(eq(jobBacklog.job, job))
}
