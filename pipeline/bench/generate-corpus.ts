import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import * as OpenCC from "opencc-js";
import { defaultDirs } from "../lib/paths.ts";
import { encodeLegacy } from "../text/legacy-encoding.ts";
import { loadMaterial, type Mark, type Material, type Piece } from "./load-material.ts";
import { createPrng, type Prng } from "./prng.ts";

export interface CorpusOptions {
  articles: number;
  seed: number;
  /** Folder of real articles to recombine (default: raw/). */
  rawDir?: string;
}

export type FileKind = "article" | "empty" | "binary" | "duplicate";
export type FileEncoding = "utf-8" | "gb18030" | "big5";

export interface FileMeta {
  kind: FileKind;
  encoding: FileEncoding | null;
  script: "simplified" | "traditional" | null;
  pinyin: boolean;
  boilerplate: boolean;
  district_code: string | null;
}

export interface CorpusFile {
  name: string;
  bytes: Uint8Array;
  meta: FileMeta;
  /** The text the bytes decode to (null for empty and binary files). */
  text: string | null;
}

/** Shares of the articles with each trait; Big5 is drawn among Traditional articles without pinyin (Big5 has no pinyin letters). */
const SHARE = { traditional: 0.4, pinyin: 0.15, big5: 0.1, gb18030: 0.1, boilerplate: 0.3 } as const;
const GLOSS_RATE = 0.3;
/** UTF-8 bytes of the body; page chrome and glosses add up to ~1 KB, so files stay within 5–15 KB. */
const BODY_BYTES = { min: 5_000, max: 13_000 } as const;
/** Independent random streams, so that adding bad files does not shift the articles' draws. */
const STREAM = { plan: 1, article: 2, bad: 3 } as const;
const BAD_KINDS = ["empty", "binary", "duplicate"] as const;

const t2tw = OpenCC.Converter({ from: "t", to: "tw" });
const utf8 = new TextEncoder();

interface Plan {
  traditional: Set<number>;
  pinyin: Set<number>;
  big5: Set<number>;
  gb18030: Set<number>;
  boilerplate: Set<number>;
}

/** Exact shares, drawn by shuffling: even a small corpus has every trait. */
function planTraits(n: number, seed: number): Plan {
  const rng = createPrng(seed, STREAM.plan);
  const all = Array.from({ length: n }, (_, i) => i);
  const take = (pool: number[], share: number) => new Set(rng.shuffle(pool).slice(0, Math.max(1, Math.round(n * share))));
  const traditional = take(all, SHARE.traditional);
  const pinyin = take(all, SHARE.pinyin);
  const big5 = take(all.filter((i) => traditional.has(i) && !pinyin.has(i)), SHARE.big5);
  const gb18030 = take(all.filter((i) => !big5.has(i)), SHARE.gb18030);
  return { traditional, pinyin, big5, gb18030, boilerplate: take(all, SHARE.boilerplate) };
}

/** Same number of digits, plausible years before 年. */
function varyNumbers(text: string, rng: Prng): string {
  const digits = (count: number) => Array.from({ length: count }, (_, k) => (k === 0 && count > 1 ? rng.int(1, 9) : rng.int(0, 9))).join("");
  return text.replace(/\d+(?:\.\d+)?/g, (match, offset: number) => {
    const [whole, fraction] = match.split(".") as [string, string | undefined];
    if (/^(19|20)\d\d$/.test(whole) && text[offset + match.length] === "年") return String(rng.int(2015, 2030));
    return fraction === undefined ? digits(whole.length) : `${digits(whole.length)}.${Array.from(fraction, () => rng.int(0, 9)).join("")}`;
  });
}

function glossPinyin(text: string, glosses: Map<string, string>, rng: Prng): string {
  return text.replace(/[\u3400-\u9fff]/g, (ch) => {
    const gloss = glosses.get(ch);
    return gloss !== undefined && rng.chance(GLOSS_RATE) ? `${ch}(${gloss})` : ch;
  });
}

/** Real paragraphs, new paragraphs of 2–5 recombined sentences, and headings, until the size target. */
function composeBody(material: Material, rng: Prng): Piece[][] {
  const target = rng.int(BODY_BYTES.min, BODY_BYTES.max);
  const blocks: Piece[][] = [[rng.pick(rng.chance(0.5) ? material.titles : material.headings)]];
  let bytes = 0;
  while (bytes < target) {
    const roll = rng.next();
    const block =
      roll < 0.12
        ? [rng.pick(material.headings)]
        : roll < 0.55
          ? [rng.pick(material.paragraphs)]
          : Array.from({ length: rng.int(2, 5) }, () => rng.pick(material.sentences));
    const size = block.reduce((sum, p) => sum + utf8.encode(p.cn).length, 0);
    if (bytes + size > BODY_BYTES.max && bytes >= BODY_BYTES.min) break;
    blocks.push(block);
    bytes += size;
  }
  return blocks;
}

function generateArticle(material: Material, plan: Plan, seed: number, i: number): CorpusFile {
  const rng = createPrng(seed, STREAM.article, i);
  const name = `${String(i).padStart(6, "0")}_${rng.int(0, 0xffffffff).toString(16).padStart(8, "0")}${rng.int(0, 0xffffffff).toString(16).padStart(8, "0")}.txt`;
  const script = plan.traditional.has(i) ? "t" : "cn";
  const district = rng.pick(material.districts);
  const blocks = composeBody(material, rng);
  if (plan.boilerplate.has(i)) blocks.push(...rng.pick(material.tails).map((line) => [line]));
  // Like the real copies: either one line per paragraph, or indented paragraphs between blank lines.
  const indented = rng.chance(0.25);
  const lines = blocks.map((block) => `${indented ? "      " : ""}${block.map((p) => p[script]).join("")}`);
  let text = varyNumbers(lines.join(indented ? "\n\n" : "\n").replace(/[\uE000-\uE003]/g, (mark) => district[script][mark as Mark]), rng) + "\n";
  if (rng.chance(0.1)) text = text.replace(/\n/g, "\r\n");
  if (plan.pinyin.has(i)) text = glossPinyin(text, material.glosses, rng);
  const meta: FileMeta = {
    kind: "article",
    encoding: "utf-8",
    script: script === "t" ? "traditional" : "simplified",
    pinyin: plan.pinyin.has(i),
    boilerplate: plan.boilerplate.has(i),
    district_code: district.code,
  };
  if (plan.big5.has(i)) {
    // Big5 pages use the Taiwan variants (為, 群); the few characters Big5 still lacks become "?", as when a page is saved as Big5.
    const bytes = encodeLegacy(t2tw(text), "big5", { replacement: "?" })!;
    return { name, bytes, meta: { ...meta, encoding: "big5" }, text: new TextDecoder("big5").decode(bytes) };
  }
  if (plan.gb18030.has(i)) return { name, bytes: encodeLegacy(text, "gb18030")!, meta: { ...meta, encoding: "gb18030" }, text };
  return { name, bytes: utf8.encode(text), meta, text };
}

function generateBadFile(seed: number, k: number, after: CorpusFile): CorpusFile {
  const rng = createPrng(seed, STREAM.bad, k);
  const kind = BAD_KINDS[k % BAD_KINDS.length]!;
  const name = after.name.replace(/_/, `_x${String(k).padStart(3, "0")}`);
  const meta: FileMeta = { kind, encoding: null, script: null, pinyin: false, boilerplate: false, district_code: null };
  if (kind === "empty") return { name, bytes: new Uint8Array(0), meta, text: null };
  if (kind === "binary") return { name, bytes: Uint8Array.from({ length: rng.int(2048, 8192) }, () => rng.int(0, 255)), meta, text: null };
  // The same article saved again in another encoding: same decoded text, so the same article id.
  const encoding: FileEncoding = after.meta.encoding === "utf-8" ? "gb18030" : "utf-8";
  const text = after.text!;
  return { name, bytes: encoding === "utf-8" ? utf8.encode(text) : encodeLegacy(text, encoding)!, meta: { ...after.meta, kind, encoding }, text };
}

/**
 * Yields a synthetic corpus one file at a time (flat memory at any size): `articles` articles of 5–15 KB
 * recombined from the real ones, with exact shares of Traditional, pinyin, GB18030, Big5 and page chrome,
 * then max(3, N/200) bad files (empty, binary, duplicate) among them. Names sort in generation order.
 * Everything follows from the seed and N: the same options give byte-identical files.
 */
export function* generateCorpus({ articles, seed, rawDir = defaultDirs.raw }: CorpusOptions): Generator<CorpusFile> {
  if (!Number.isInteger(articles) || articles < 1) throw new Error(`articles must be a positive integer, got ${articles}`);
  const material = loadMaterial(rawDir);
  const plan = planTraits(articles, seed);
  const badCount = Math.max(BAD_KINDS.length, Math.ceil(articles / 200));
  let k = 0;
  for (let i = 0; i < articles; i++) {
    const article = generateArticle(material, plan, seed, i);
    yield article;
    for (; k < badCount && Math.floor(((k + 0.5) * articles) / badCount) === i; k++) yield generateBadFile(seed, k, article);
  }
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { articles: { type: "string" }, seed: { type: "string", default: "1" }, out: { type: "string" }, raw: { type: "string" } },
  });
  if (!values.articles || !values.out) throw new Error("usage: generate-corpus.ts --articles N --out DIR [--seed S] [--raw DIR]");
  const out = resolve(values.out);
  await mkdir(out, { recursive: true });
  const summary: Record<string, number> = {};
  const count = (key: string, n = 1) => (summary[key] = (summary[key] ?? 0) + n);
  const corpus = generateCorpus({ articles: Number(values.articles), seed: Number(values.seed), ...(values.raw ? { rawDir: resolve(values.raw) } : {}) });
  for (const { name, bytes, meta } of corpus) {
    await writeFile(join(out, name), bytes);
    count(`kind:${meta.kind}`);
    count("bytes", bytes.length);
    if (meta.kind !== "article") continue;
    count(`encoding:${meta.encoding}`);
    count(`script:${meta.script}`);
    if (meta.pinyin) count("pinyin");
    if (meta.boilerplate) count("boilerplate");
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).catch((error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
