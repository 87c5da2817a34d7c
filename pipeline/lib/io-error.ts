import { dirname } from "node:path";
import { PipelineError } from "./pipeline-error.ts";

/** Codes that say the disk is full: the fault of the folder's disk, never of the item being written. */
const DISK_FULL = new Set(["ENOSPC", "EDQUOT"]);

/** A failed filesystem step, named by what was being done and the path (write(2)'s ENOSPC names neither). */
export class IoError extends PipelineError {
  override name = "IoError";

  constructor(readonly code: string, readonly path: string, message: string, options?: ErrorOptions) {
    super(message, options);
  }

  /** The disk holding the path is full: retrying another article or file would fail the same way. */
  get diskFull(): boolean {
    return DISK_FULL.has(this.code);
  }
}

/** Runs one filesystem step; an errno failure comes back as an IoError naming `doing` (a gerund) and `path`. */
export async function atPath<T>(doing: string, path: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (error instanceof IoError || typeof code !== "string") throw error;
    const message = DISK_FULL.has(code)
      ? `the disk holding ${dirname(path)} is full (${code} while ${doing} ${path}): free space there, or choose another folder, and run again`
      : `${doing} ${path} failed: ${(error as Error).message}`;
    throw new IoError(code, path, message, { cause: error });
  }
}
