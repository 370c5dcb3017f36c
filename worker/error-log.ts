// What the operator's log shows of an unexpected error. SQL parameters never go there: they can
// hold the day's address salt, a reader's id or a comment. drizzle's query error writes them
// into its message ("Failed query: …\nparams: …") and keeps them on `params`, and logging the
// error object would print both, so the log is built from name, message, stack and cause only.

const PARAMS = '\nparams: '

const withoutParams = (message: string) => {
  const at = message.indexOf(PARAMS)
  return at < 0 ? message : message.slice(0, at)
}

/** The error as one log line's worth of text, parameters cut. */
export function loggableError(err: unknown): string {
  if (!(err instanceof Error)) return `non-error thrown: ${typeof err}`
  const message = withoutParams(err.message)
  // The stack opens with `name: message`; keep only its frames, which hold no data.
  const frames = (err.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))
  const cause =
    err.cause instanceof Error
      ? `\ncaused by ${err.cause.name}: ${withoutParams(err.cause.message)}`
      : ''
  return [`${err.name}: ${message}`, ...frames].join('\n') + cause
}
