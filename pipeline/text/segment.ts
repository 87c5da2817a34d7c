import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { scopedMemo } from "../lib/scoped-memo.ts";
import { codebook } from "../../schemas/theme-codebook.ts";
import neutralPhrases from "./neutral-phrases.json" with { type: "json" };

/** Adverbs, prepositions, conjunctions, pronouns and particles (jieba tags): words that never start a name or a noun phrase. */
export const FUNCTION_WORD_TAG = /^(?:d|ad|p|c|r|u[a-z]*)$/u;

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
/** The main dictionary (`word freq tag` lines) that ships with @node-rs/jieba. */
const mainDictionary = new TextDecoder().decode(dict);

/**
 * The word of each `word freq tag` line of a jieba dictionary, with the line's offsets: the 350,000 lines of the
 * main dictionary are scanned by offsets, and only the lines a caller wants are split (130 ms a thread before).
 */
function forEachEntry(dictionary: string, visit: (word: string, line: number, end: number) => void): void {
  for (let line = 0; line < dictionary.length; ) {
    const next = dictionary.indexOf("\n", line);
    const end = next < 0 ? dictionary.length : next;
    const space = dictionary.indexOf(" ", line);
    if (space > line && space < end) visit(dictionary.slice(line, space), line, end);
    line = end + 1;
  }
}

let added: string | undefined;
/**
 * The user dictionary this module adds: every codebook term and neutral phrase (a phrase kept whole so no theme
 * term inside it matches, e.g. 健康发展), at ADDED_WORD_FREQUENCY at least. A word already in the main
 * dictionary keeps its tag, and its frequency when that is higher: some are there too rare to win (省道 25,
 * 前海 10 lose to 省|道, 前|海). Made once per thread: loading and charactersOfTaggedWords both need it.
 */
function addedWordsDictionary(): string {
  if (added !== undefined) return added;
  const wanted = new Map<string, string>([...codebook.flatMap((entry) => entry.terms), ...neutralPhrases].map((w) => [w, ADDED_WORD_TAG]));
  // Only the words wanted are looked at further; a set of the 350k words would stay on every thread's heap.
  forEachEntry(mainDictionary, (word, line, end) => {
    if (!wanted.has(word)) return;
    const [, frequency, tag] = mainDictionary.slice(line, end).split(" ");
    if (Number(frequency) >= ADDED_WORD_FREQUENCY) wanted.delete(word);
    else if (tag) wanted.set(word, tag);
  });
  added = [...wanted].map(([word, tag]) => `${word} ${ADDED_WORD_FREQUENCY} ${tag}\n`).join("");
  return added;
}

let jieba: Jieba | undefined;
/**
 * The single place that builds the segmenter: the default dictionary plus the added words, once per JavaScript
 * environment (the process, or each worker thread), on first use, so stages that never segment skip its cost.
 */
function segmenter(): Jieba {
  if (jieba) return jieba;
  jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(addedWordsDictionary()));
  return jieba;
}

/**
 * Characters of every dictionary word whose tag matches `pattern`. jieba tags a word from its dictionary entry
 * and anything else x, m or eng, so a token tagged otherwise is made of these characters. The tag is the last of
 * a line's two or more fields; the few dozen tags are each tested once.
 */
export function charactersOfTaggedWords(pattern: RegExp): Set<string> {
  const characters = new Set<string>();
  const matches = new Map<string, boolean>();
  for (const dictionary of [mainDictionary, addedWordsDictionary()]) {
    forEachEntry(dictionary, (word, _line, end) => {
      const tag = dictionary.slice(dictionary.lastIndexOf(" ", end - 1) + 1, end);
      let match = matches.get(tag);
      if (match === undefined) matches.set(tag, (match = pattern.test(tag)));
      if (match) for (const c of word) characters.add(c);
    });
  }
  return characters;
}

/** A half of a surrogate pair standing alone, which the binding's UTF-8 conversion turns into U+FFFD. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/gu;

/** The text as the segmenter receives it: U+FFFD for each lone surrogate, one UTF-16 unit for one, so offsets hold. */
const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source, "u");
const asSegmented = (text: string) => (HAS_LONE_SURROGATE.test(text) ? text.replace(LONE_SURROGATE, "\ufffd") : text);

/**
 * Gives each word its offsets, and the text's own characters; jieba returns every character of the input, so the
 * words tile the text.
 */
function locate<T extends Token>(text: string, words: string[], make: (word: string, start: number, end: number, index: number) => T): T[] {
  const seen = asSegmented(text);
  let offset = 0;
  // Built directly rather than by spreading jieba's objects: this runs once per token of the corpus.
  return words.map((word, index) => {
    const start = seen.startsWith(word, offset) ? offset : seen.indexOf(word, offset);
    if (start < 0) throw new Error(`segmenter returned ${JSON.stringify(word)}, which is not in the text at or after ${offset}`);
    offset = start + word.length;
    return make(text.slice(start, offset), start, offset, index);
  });
}

/** Words of the text (jieba's dictionary segmentation with the HMM for unknown words, as `tag` does), with offsets. */
export function segment(text: string): Token[] {
  return locate(text, segmenter().cut(asSegmented(text), true), (word, start, end) => ({ word, start, end }));
}

// Target extraction tags the same clause fragments again and again while trimming them.
const tagMemo = scopedMemo((text: string): readonly TaggedToken[] => {
  const tagged = segmenter().tag(asSegmented(text), true);
  return locate(text, tagged.map((t) => t.word), (word, start, end, i) => ({ word, start, end, tag: tagged[i]!.tag }));
});

/** Runs `work` with `tag` remembering its answers until `work` returns (one article's targets). */
export const withTagMemo = tagMemo.within;

/** Words of the text with their part-of-speech tags and offsets; callers must not modify the tokens. */
export const tag = (text: string): readonly TaggedToken[] => tagMemo.get(text);
