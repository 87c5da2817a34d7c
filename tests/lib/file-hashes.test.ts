import { readFile, rename, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openFileHashes, SETTLED_MS } from "../../pipeline/lib/file-hashes.ts";
import { sha256Hex } from "../../pipeline/lib/hash.ts";
import { tempDir } from "../helpers.ts";

/** A clock past the settling time of every file written so far: their hashes may be remembered. */
const later = () => Date.now() + SETTLED_MS + 1000;

/** Hashes `path` in a fresh run that starts from what the last one saved, and saves what it could remember. */
async function run(memo: string, path: string, now = later) {
  const hashes = await openFileHashes(memo, now);
  const sha256 = await hashes.sha256(path);
  await hashes.save();
  return { sha256, ...hashes.stats };
}

describe("file hashes remembered between runs", () => {
  it("are the content's SHA-256, for a small file and one streamed past 1 MB, and are not read again while unchanged", async () => {
    const dir = await tempDir("file-hashes-");
    const memo = join(dir, "file-hashes.json");
    const small = join(dir, "a.txt");
    const large = join(dir, "table.jsonl");
    await writeFile(small, "鲤城区实施“强产业、兴城市”双轮驱动。\n");
    const big = Buffer.alloc(3 << 20, "今年新增就业岗位1200个。");
    await writeFile(large, big);
    expect(await run(memo, small)).toEqual({ sha256: sha256Hex(await readFile(small)), remembered: 0, read: 1 });
    expect(await run(memo, small)).toEqual({ sha256: sha256Hex(await readFile(small)), remembered: 1, read: 0 });
    expect(await run(memo, large)).toEqual({ sha256: sha256Hex(big), remembered: 0, read: 1 });
    expect(await run(memo, large)).toEqual({ sha256: sha256Hex(big), remembered: 1, read: 0 });
  });

  it("read a file again that was edited to the same size with its modification time put back, or replaced by a rename", async () => {
    const dir = await tempDir("file-hashes-");
    const memo = join(dir, "file-hashes.json");
    const path = join(dir, "articles.jsonl");
    // Whole seconds, so a time put back is the same to the nanosecond.
    const stamp = new Date("2026-01-01T00:00:00Z");
    await writeFile(path, '{"value":1200}\n');
    await utimes(path, stamp, stamp);
    await run(memo, path);
    const before = await stat(path, { bigint: true });
    // Waits out the coarse clock's tick, so the edit can have another change time at all.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(path, '{"value":1300}\n');
    await utimes(path, stamp, stamp);
    const after = await stat(path, { bigint: true });
    expect([after.size, after.mtimeNs, after.ino]).toEqual([before.size, before.mtimeNs, before.ino]);
    expect(await run(memo, path)).toEqual({ sha256: sha256Hex('{"value":1300}\n'), remembered: 0, read: 1 });
    // Another file put in its place, with the same size and times: another inode.
    const other = join(dir, "other.jsonl");
    await writeFile(other, '{"value":1400}\n');
    await utimes(other, stamp, stamp);
    await rename(other, path);
    expect(await run(memo, path)).toEqual({ sha256: sha256Hex('{"value":1400}\n'), remembered: 0, read: 1 });
  });

  it("are not remembered for a file changed too recently for its time stamps to tell a next edit apart", async () => {
    const dir = await tempDir("file-hashes-");
    const memo = join(dir, "file-hashes.json");
    const path = join(dir, "report.json");
    await writeFile(path, "{}\n");
    // Hashed at once, as a stage hashes the table it just wrote: an edit within the same tick would keep every stamp.
    expect(await run(memo, path, Date.now)).toMatchObject({ read: 1 });
    expect(await run(memo, path, Date.now)).toMatchObject({ remembered: 0, read: 1 });
    expect(JSON.parse(await readFile(memo, "utf8"))).toEqual({});
  });

  it("keep only the files the last run asked for, and start afresh from a file that is not theirs", async () => {
    const dir = await tempDir("file-hashes-");
    const memo = join(dir, "file-hashes.json");
    const [a, b] = [join(dir, "a.txt"), join(dir, "b.txt")];
    await writeFile(a, "a");
    await writeFile(b, "b");
    await run(memo, a);
    await run(memo, b);
    expect(Object.keys(JSON.parse(await readFile(memo, "utf8")))).toEqual([b]);
    await writeFile(memo, "not json");
    expect(await run(memo, b)).toMatchObject({ sha256: sha256Hex("b"), read: 1 });
    await expect((await openFileHashes(memo)).sha256(join(dir, "gone.txt"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});
