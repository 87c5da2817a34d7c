import type { ArticleMetadata, BoilerplateKind, Credit, RemovedText } from "../../schemas/normalized-article.ts";
import { CLOSERS, STOPS, charClass } from "../text/punctuation.ts";
import { boilerplateRules } from "./boilerplate-rules.ts";
import { applyEdits, rawSpan, type Edit, type MappedText } from "../text/mapped-text.ts";
import { parseCredits, type ParsedCredit } from "./parse-credits.ts";
import { simplify } from "./to-simplified.ts";

const { max_chrome_line, tail_markers, chrome, credit, caption } = boilerplateRules;

interface Line {
  start: number;
  end: number;
  /** Simplified form, for matching; same length is not assumed. */
  simple: string;
}

interface Removal {
  start: number;
  end: number;
  kind: BoilerplateKind;
  credits: ParsedCredit[];
}

/** The end of a sentence with the closing marks that stay with it (a caption's or byline's sentence; no semicolons). */
const SENTENCE_END = new RegExp(`${charClass(STOPS)}${charClass('"', CLOSERS)}*`, "gu");

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const line of text.split("\n")) {
    lines.push({ start, end: start + line.length, simple: simplify(line).trim() });
    start += line.length + 1;
  }
  return lines;
}

/** A photo caption: text, then a credit ending in 摄; all the credited names are photographers. */
function captionCredits(simple: string): ParsedCredit[] | null {
  if (simple.length > caption.max_line || !credit.caption_suffix.test(simple)) return null;
  const body = simple.replace(credit.caption_suffix, "");
  const ends = [...body.matchAll(SENTENCE_END)];
  const last = ends.at(-1);
  const byline = last ? body.slice(last.index + last[0].length) : body.replace(/^\S*\s/u, "");
  return (parseCredits(byline) ?? []).map((c) => ({ role: "photographer", name: c.name }));
}

/** A one-sentence line short enough to sit under a photo (仲恺高新区城市发展日新月异。). */
function isShortCaption(simple: string): boolean {
  return simple.length > 0 && simple.length <= caption.max_neighbour && /[。]$/.test(simple) && [...simple.matchAll(SENTENCE_END)].length === 1;
}

/** Chooses what to take out, line by line; pure, on the text and its Simplified twin. */
function findRemovals(text: string): Removal[] {
  const lines = linesOf(text);
  const removals: Removal[] = [];
  const tail = lines.findIndex((l) => tail_markers.some((p) => p.test(l.simple)));
  const body = tail === -1 ? lines : lines.slice(0, tail);
  for (const line of tail === -1 ? [] : lines.slice(tail)) {
    if (line.simple.length > 0) removals.push({ start: line.start, end: line.end, kind: "recommended-tail", credits: [] });
  }
  const captions = body.map((l) => captionCredits(l.simple));
  body.forEach((line, i) => {
    const { simple } = line;
    if (simple.length === 0) return;
    const whole = (kind: BoilerplateKind, credits: ParsedCredit[] = []) => removals.push({ start: line.start, end: line.end, kind, credits });
    const chromeKind = simple.length <= max_chrome_line ? chrome.find((c) => c.pattern.test(simple))?.kind : undefined;
    if (chromeKind) return whole(chromeKind);
    const credits = simple.length <= credit.max_line ? parseCredits(simple) : null;
    if (credits) return whole("credit", credits);
    const photo = captions[i];
    if (photo) return whole("caption", photo);
    if (isShortCaption(simple) && nextToCaption(body, captions, i)) return whole("caption");
    const byline = bylineTail(text, line);
    if (byline) removals.push(byline);
  });
  return removals;
}

/** Whether a run of short one-sentence lines around line i reaches a 摄 caption. */
function nextToCaption(lines: Line[], captions: Array<ParsedCredit[] | null>, i: number): boolean {
  for (const step of [-1, 1]) {
    for (let k = i + step; k >= 0 && k < lines.length; k += step) {
      if (captions[k]) return true;
      if (!isShortCaption(lines[k]!.simple)) break;
    }
  }
  return false;
}

/** A reporter's name glued after a paragraph's last sentence: `…美好幸福。惠州日报记者谢菁菁`. */
function bylineTail(text: string, line: Line): Removal | null {
  const content = text.slice(line.start, line.end);
  const last = [...content.matchAll(SENTENCE_END)].at(-1);
  if (!last) return null;
  const from = last.index + last[0].length;
  const tail = content.slice(from);
  if (tail.trim().length === 0 || tail.length > credit.max_byline_tail) return null;
  const credits = parseCredits(simplify(tail), credit.max_byline_prefix);
  return credits ? { start: line.start + from, end: line.end, kind: "credit", credits } : null;
}

function toMetadata(credits: Credit[]): ArticleMetadata {
  const names = (role: Credit["role"]) => [...new Set(credits.filter((c) => c.role === role).map((c) => c.name))];
  const one = (role: Credit["role"]) => names(role).join("、") || null;
  return {
    source: one("source"),
    author: one("author"),
    editor: one("editor"),
    reporters: names("reporter"),
    correspondents: names("correspondent"),
    photographers: names("photographer"),
    compilers: names("compiler"),
    credits,
  };
}

/**
 * Removes page chrome (share buttons, comment boxes, copyright and contact lines, “news recommended”
 * tails, photo captions) and moves bylines into metadata. Whole lines go with their line break.
 */
export function stripBoilerplate(input: MappedText): { text: MappedText; removed: RemovedText[]; metadata: ArticleMetadata } {
  const removals = findRemovals(input.text);
  const removed: RemovedText[] = [];
  const credits: Credit[] = [];
  const edits: Edit[] = removals.map((r) => {
    const raw = rawSpan(input, r.start, r.end);
    removed.push({ kind: r.kind, raw_start: raw.start, raw_end: raw.end, text: input.text.slice(r.start, r.end) });
    for (const c of r.credits) credits.push({ ...c, raw_start: raw.start, raw_end: raw.end });
    const wholeLine = (r.start === 0 || input.text[r.start - 1] === "\n") && (r.end === input.text.length || input.text[r.end] === "\n");
    return { start: r.start, end: wholeLine && r.end < input.text.length ? r.end + 1 : r.end, insert: "" };
  });
  removed.sort((a, b) => a.raw_start - b.raw_start);
  credits.sort((a, b) => a.raw_start - b.raw_start);
  return { text: applyEdits(input, edits), removed, metadata: toMetadata(credits) };
}
