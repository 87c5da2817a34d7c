/** A failure the user can act on: printed without a stack trace. */
export class PipelineError extends Error {
  override name = "PipelineError";

  /** The run's failure rather than the article's it met it on (see RunError): it stops the run. */
  get stopsRun(): boolean {
    return false;
  }
}

/**
 * A failure of the run, not of the article at hand (a build file changed since it was recorded): it stops the run,
 * where an article's own failure only leaves that article out, so a damaged build never publishes a release that
 * silently lacks an article.
 */
export class RunError extends PipelineError {
  override name = "RunError";

  override get stopsRun(): boolean {
    return true;
  }
}

/** A command line that names no command, a wrong option or a missing folder: one line, exit code 2. */
export class UsageError extends PipelineError {
  override name = "UsageError";
}
