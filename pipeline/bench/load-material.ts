import { readdirSync, readFileSync } from "node:fs";
import { classifyFile } from "../ingest/classify-file.ts";
import { join } from "node:path";
import * as OpenCC from "opencc-js";
import { gazetteer } from "../districts/gazetteer.ts";

/** One piece of source text in both scripts; district and city names are replaced by PLACEHOLDER marks. */
export interface Piece {
  cn: string;
  t: string;
}

export type Mark = (typeof PLACEHOLDER)[keyof typeof PLACEHOLDER];

/** A GB/T 2260 county-level division: the name each placeholder stands for, per script. */
export interface District {
  code: string;
  cn: Record<Mark, string>;
  t: Record<Mark, string>;
}

export interface Material {
  titles: Piece[];
  headings: Piece[];
  paragraphs: Piece[];
  sentences: Piece[];
  /** Page chrome after the article body (editor, share buttons, comments, copyright, news recommendations), one list of lines per source. */
  tails: Piece[][];
  /** Pinyin glosses found in the sources, by character in either script. */
  glosses: Map<string, string>;
  /** GB/T 2260 county-level divisions with their prefecture (or province, for municipalities). */
  districts: District[];
}

/** Private-use marks: OpenCC leaves them alone, and no source text contains them. */
export const PLACEHOLDER = { district: "\uE000", districtShort: "\uE001", city: "\uE002", cityShort: "\uE003" } as const;

const TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
const GLOSS = new RegExp(`([\\u3400-\\u9fff])\\(([a-zü${TONED}]*[${TONED}][a-zü${TONED}]*)\\)`, "g");
/** Where the page chrome after an article starts (matched on the Simplified text). */
const TAIL_START = /^(编辑|来源|分享到|新闻推荐|本版文字|1、本网站|※)/;
const SUFFIX = /(自治县|自治旗|特区|林区|区|县|市|旗)$/;

const t2cn = OpenCC.Converter({ from: "t", to: "cn" });
const cn2t = OpenCC.Converter({ from: "cn", to: "t" });

const shorten = (name: string) => {
  const short = name.replace(SUFFIX, "");
  return short.length >= 2 ? short : name;
};

/** County-level divisions from the project's gazetteer, with their parent city (or province for directly governed ones). */
function loadDistricts(): District[] {
  const places = gazetteer();
  const names = new Map(places.map((p) => [p.district_id, p.name]));
  return places
    .filter((p) => p.level === "county")
    .map(({ district_id: code, name, city_code, province_code }) => {
      const city = names.get(city_code ?? "") ?? names.get(province_code ?? "") ?? name;
      const cn = { [PLACEHOLDER.district]: name, [PLACEHOLDER.districtShort]: shorten(name), [PLACEHOLDER.city]: city, [PLACEHOLDER.cityShort]: shorten(city) } as Record<Mark, string>;
      const t = Object.fromEntries(Object.entries(cn).map(([mark, n]) => [mark, cn2t(n)])) as Record<Mark, string>;
      return { code, cn, t };
    });
}

function piece(cn: string): Piece {
  return { cn, t: cn2t(cn) };
}

/** Replaces the source's own district and city names (found by the gazetteer, longest first) with placeholders. */
function markPlaces(text: string, districts: District[]): string {
  // Two-character names (城区, 东区) are too common as words to mark.
  const found = districts.filter((d) => d.cn[PLACEHOLDER.district].length >= 3 && text.includes(d.cn[PLACEHOLDER.district]));
  const names = new Map<string, string>();
  for (const d of found) for (const [mark, name] of Object.entries(d.cn)) names.set(name, mark);
  if (names.size === 0) return text;
  const pattern = new RegExp([...names.keys()].sort((a, b) => b.length - a.length).join("|"), "g");
  return text.replace(pattern, (name) => names.get(name)!);
}

/**
 * Cuts the real articles of `rawDir` into titles, headings, paragraphs, sentences and page-chrome tails,
 * in Simplified and Traditional, with their pinyin glosses removed and collected.
 */
export function loadMaterial(rawDir: string): Material {
  const districts = loadDistricts();
  const material: Material = { titles: [], headings: [], paragraphs: [], sentences: [], tails: [], glosses: new Map(), districts };
  for (const file of readdirSync(rawDir).filter((f) => f.endsWith(".txt")).sort()) {
    // Decoded as ingest decodes it: the corpus holds GB18030 reports too.
    const decoded = classifyFile(file, readFileSync(join(rawDir, file)));
    if (decoded.status === "rejected") continue;
    const raw = decoded.text;
    const plain = raw.replace(GLOSS, (_, ch: string, gloss: string) => {
      material.glosses.set(ch, gloss);
      material.glosses.set(t2cn(ch), gloss);
      return ch;
    });
    const lines = markPlaces(t2cn(plain), districts)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0);
    const tailAt = lines.findIndex((line) => TAIL_START.test(line));
    const body = tailAt < 0 ? lines : lines.slice(0, tailAt);
    if (tailAt >= 0) material.tails.push(lines.slice(tailAt).map(piece));
    body.forEach((line, i) => {
      const short = line.length <= 60 && !line.includes("。");
      if (i === 0 && short) material.titles.push(piece(line));
      else if (short) material.headings.push(piece(line));
      else {
        material.paragraphs.push(piece(line));
        for (const sentence of line.match(/[^。！？!?]+[。！？!?]+[”’」』]?/g) ?? []) material.sentences.push(piece(sentence));
      }
    });
  }
  return material;
}
