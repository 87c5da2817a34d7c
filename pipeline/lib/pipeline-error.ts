/** A failure the user can act on: printed without a stack trace. */
export class PipelineError extends Error {
  override name = "PipelineError";
}

/** A command line that names no command, a wrong option or a missing folder: one line, exit code 2. */
export class UsageError extends PipelineError {
  override name = "UsageError";
}
