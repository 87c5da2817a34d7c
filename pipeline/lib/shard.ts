import { sha256Hex } from "./hash.ts";

/** One of `count` parts of the raw files, written K/N on the command line (K = index + 1). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * The 0-based shard of a raw file: its name's hash modulo the count. The name alone decides, so a shard lists its
 * files without reading any other, and adding or removing files moves no other file to another shard.
 */
export const shardOf = (name: string, count: number): number => Number.parseInt(sha256Hex(name).slice(0, 12), 16) % count;

export const inShard = (name: string, shard: Shard): boolean => shardOf(name, shard.count) === shard.index;

export const describeShard = ({ index, count }: Shard): string => `${index + 1}/${count}`;
