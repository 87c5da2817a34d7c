import { statfs } from "node:fs/promises";
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

  /** A full disk stops the run: left to each article, it would reject every one still to come. */
  override get stopsRun(): boolean {
    return this.diskFull;
  }
}

/** The IoError of a failed step: a full disk is named by its folder, anything else by the step and the path. */
function ioError(code: string, doing: string, path: string, error: Error): IoError {
  const message = DISK_FULL.has(code)
    ? `the disk holding ${dirname(path)} is full (${code} while ${doing} ${path}): free space there, or choose another folder, and run again`
    : `${doing} ${path} failed: ${error.message}`;
  return new IoError(code, path, message, { cause: error });
}

/** Runs one filesystem step; an errno failure comes back as an IoError naming `doing` (a gerund) and `path`. */
export async function atPath<T>(doing: string, path: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (error instanceof IoError || typeof code !== "string") throw error;
    throw ioError(code, doing, path, error as Error);
  }
}

/** Less room than this left after a failed write means the disk filled up. */
const ROOM = 1 << 20;

/**
 * Runs a step of a library that swallows errno (SQLite reports a failed write as "disk I/O error"): a failure
 * `isIo` recognises comes back as an IoError naming `path`, as a full disk when the disk holding it has almost no
 * room or no inode left, which is what such a failure nearly always is.
 */
export async function atPathWithoutErrno<T>(doing: string, path: string, isIo: (error: Error) => boolean, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof IoError || !(error instanceof Error) || !isIo(error)) throw error;
    const disk = await statfs(dirname(path)).catch(() => null);
    const full = disk !== null && (disk.bavail * disk.bsize < ROOM || disk.ffree === 0);
    throw ioError(full ? "ENOSPC" : "EIO", doing, path, error);
  }
}
