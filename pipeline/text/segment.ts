import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import nodejieba from "nodejieba";
import { scopedMemo } from "../lib/scoped-memo.ts";
import { codebook } from "../themes/codebook.ts";
import neutralPhrases from "../themes/neutral-phrases.json" with { type: "json" };

/** A token with its UTF-16 offsets into the segmented text. */
export interface Token {
  word: string;
  start: number;
  end: number;
}

export interface TaggedToken extends Token {
  /** jieba (ICTCLAS-style) part-of-speech tag; words this module adds are tagged nz. */
  tag: string;
}

/**
 * Frequency of the added words. An added word beats a split a|b when its frequency exceeds f(a)·f(b) / 60M
 * (jieba's frequency total): jieba's default for user words, the median 3, loses to 安全|生产 (needs 5) and
 * 大|项目 (32). 1000 wins against all but splits into two very frequent words, yet stays far below common words
 * (城市 25084), so an added word rarely pulls characters away from its neighbours.
 */
const ADDED_WORD_FREQUENCY = 1000;
/** Tag of the added words: 其他专名 (other proper noun). */
const ADDED_WORD_TAG = "nz";
const LOADED = Symbol.for("district-plans.nodejieba-loaded");

let added: string | undefined;
/**
 * The user dictionary this module adds: every codebook term and neutral phrase (a phrase kept whole so no theme
 * term inside it matches, e.g. 健康发展) missing from jieba's main dictionary; words already there keep their
 * weight and tag. Made once per thread: loading and charactersOfTaggedWords both need it.
 */
function addedWordsDictionary(): string {
  if (added !== undefined) return added;
  const wanted = new Set([...codebook.flatMap((entry) => entry.terms), ...neutralPhrases]);
  // Scanned line by line rather than split into a set of its 350k words, which would stay on every thread's heap.
  const dict = readFileSync(nodejieba.DEFAULT_DICT, "utf8");
  for (let start = 0; start < dict.length; ) {
    const end = dict.indexOf("\n", start);
    wanted.delete(dict.slice(start, dict.indexOf(" ", start)));
    start = end < 0 ? dict.length : end + 1;
  }
  added = [...wanted].map((w) => `${w} ${ADDED_WORD_FREQUENCY} ${ADDED_WORD_TAG}\n`).join("");
  return added;
}

/**
 * The single place that loads nodejieba. Its dictionary belongs to the JavaScript environment (the process, or
 * each worker thread) and `load()` replaces it, so it is loaded once per environment (the flag lives on
 * globalThis, which survives re-evaluation of this module): the default dictionaries plus the added words.
 */
function loadDictionary(): void {
  const flags = globalThis as Record<symbol, unknown>;
  if (flags[LOADED]) return;
  const content = addedWordsDictionary();
  const path = join(tmpdir(), `district-plans-userdict-${createHash("sha256").update(content).digest("hex").slice(0, 16)}.utf8`);
  // The name holds the content's hash; a new file is written under a private name, then renamed, so parallel
  // processes and threads never read a half-written one.
  if (!existsSync(path)) {
    const own = `${path}.${process.pid}.${threadId}`;
    writeFileSync(own, content);
    renameSync(own, path);
  }
  nodejieba.load({ userDict: `${nodejieba.DEFAULT_USER_DICT}|${path}` });
  flags[LOADED] = true;
}

/**
 * Characters of every dictionary word whose tag matches `pattern`. jieba tags a word from its dictionary entry
 * and anything else x, m or eng, so a token tagged otherwise is made of these characters. Lines are `word freq
 * tag` in the main dictionary and `word`, `word tag` or `word freq tag` in user dictionaries: the tag is the
 * last of two or more fields.
 */
export function charactersOfTaggedWords(pattern: RegExp): Set<string> {
  const characters = new Set<string>();
  const dictionaries = [readFileSync(nodejieba.DEFAULT_DICT, "utf8"), readFileSync(nodejieba.DEFAULT_USER_DICT, "utf8"), addedWordsDictionary()];
  for (const line of dictionaries.join("\n").split("\n")) {
    const fields = line.trim().split(/\s+/u);
    if (fields.length > 1 && pattern.test(fields.at(-1)!)) for (const c of fields[0]!) characters.add(c);
  }
  return characters;
}

/** Gives each word its offsets; jieba returns every character of the input, so the words tile the text. */
function locate<T extends Token>(text: string, words: string[], make: (word: string, start: number, end: number, index: number) => T): T[] {
  let offset = 0;
  // Built directly rather than by spreading jieba's objects: this runs once per token of the corpus.
  return words.map((word, index) => {
    const start = text.startsWith(word, offset) ? offset : text.indexOf(word, offset);
    if (start < 0) throw new Error(`segmenter returned ${JSON.stringify(word)}, which is not in the text at or after ${offset}`);
    offset = start + word.length;
    return make(word, start, offset, index);
  });
}

/** Words of the text (jieba's mixed MP + HMM segmentation, the same one `tag` uses), with offsets. */
export function segment(text: string): Token[] {
  // Loaded on first use, not on import: stages that never segment (ingest, validate, publish) skip its cost.
  loadDictionary();
  return locate(text, nodejieba.cut(text, true), (word, start, end) => ({ word, start, end }));
}

// Target extraction tags the same clause fragments again and again while trimming them.
const tagMemo = scopedMemo((text: string): readonly TaggedToken[] => {
  loadDictionary();
  const tagged = nodejieba.tag(text);
  return locate(text, tagged.map((t) => t.word), (word, start, end, i) => ({ word, start, end, tag: tagged[i]!.tag }));
});

/** Runs `work` with `tag` remembering its answers until `work` returns (one article's targets). */
export const withTagMemo = tagMemo.within;

/** Words of the text with their part-of-speech tags and offsets; callers must not modify the tokens. */
export const tag = (text: string): readonly TaggedToken[] => tagMemo.get(text);
