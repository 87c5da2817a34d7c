import { createHash } from "node:crypto";
import { open, writeFile, type FileHandle } from "node:fs/promises";
import { sha256Hex } from "./hash.ts";
import { atPath } from "./io-error.ts";

/** What a written file is: its size and sha256, as SHA256SUMS and datapackage.json state them. */
export interface WrittenFile {
  bytes: number;
  sha256: string;
}

const FLUSH_AT = 1 << 20;

/** Writes a small file whole and says what it is. */
export async function writeHashedFile(path: string, text: string): Promise<WrittenFile> {
  await atPath("writing", path, () => writeFile(path, text));
  return { bytes: Buffer.byteLength(text), sha256: sha256Hex(text) };
}

/**
 * A file written piece by piece and hashed on the way, so a table of any size is written in bounded memory
 * and its checksum costs no second read. Pieces are gathered into writes of about 1 MB.
 */
export class HashedFile {
  private readonly hash = createHash("sha256");
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private bytes = 0;

  private constructor(private readonly path: string, private readonly handle: FileHandle) {}

  static async create(path: string): Promise<HashedFile> {
    return new HashedFile(path, await atPath("creating", path, () => open(path, "w")));
  }

  async write(piece: string | Uint8Array): Promise<void> {
    const buffer = typeof piece === "string" ? Buffer.from(piece, "utf8") : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    if (buffer.length === 0) return;
    this.hash.update(buffer);
    this.bytes += buffer.length;
    // Copied: callers (apache-arrow, parquet-wasm) may reuse the memory behind a piece they handed over.
    this.pending.push(typeof piece === "string" ? buffer : Buffer.from(buffer));
    this.pendingBytes += buffer.length;
    if (this.pendingBytes >= FLUSH_AT) await this.flush();
  }

  async writeAll(pieces: AsyncIterable<string | Uint8Array>): Promise<void> {
    for await (const piece of pieces) await this.write(piece);
  }

  async close(): Promise<WrittenFile> {
    try {
      await this.flush();
    } finally {
      await atPath("closing", this.path, () => this.handle.close());
    }
    return { bytes: this.bytes, sha256: this.hash.digest("hex") };
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    await atPath("writing", this.path, () => this.handle.write(Buffer.concat(this.pending, this.pendingBytes)));
    this.pending = [];
    this.pendingBytes = 0;
  }
}
