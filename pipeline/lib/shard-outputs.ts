import { readdir } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";

/**
 * Where an output of `build` may be in the builds of shards: the same path in each shard build whose folder holds
 * the name. Each folder is listed once per shard build, so a name costs a set lookup per shard, not a probe of the
 * file system.
 */
export function shardOutputs(build: string, shardBuilds: readonly string[]): (output: string) => Promise<string[]> {
  const listings = new Map<string, Promise<Array<Set<string>>>>();
  const list = (folder: string) => Promise.all(shardBuilds.map((b) => readdir(join(b, folder)).then((names) => new Set(names), () => new Set<string>())));
  return async (output) => {
    const folder = relative(build, dirname(output));
    if (!listings.has(folder)) listings.set(folder, list(folder));
    const held = await listings.get(folder)!;
    const name = basename(output);
    return shardBuilds.flatMap((b, i) => (held[i]!.has(name) ? [join(b, folder, name)] : []));
  };
}
