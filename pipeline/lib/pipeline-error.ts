/** A failure the user can act on: printed without a stack trace. */
export class PipelineError extends Error {
  override name = "PipelineError";
}
